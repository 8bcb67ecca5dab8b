import { Checkbox as AriaCheckbox, type CheckboxProps } from "react-aria-components";

/** react-aria Checkbox as a bordered choice; its native input (shown, see styles.css) keeps the form working without JavaScript. */
export function Checkbox({ children, ...props }: CheckboxProps & { children: React.ReactNode }) {
  return (
    <AriaCheckbox {...props} className="choice">
      <span>{children}</span>
    </AriaCheckbox>
  );
}
