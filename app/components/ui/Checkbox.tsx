import { Checkbox as AriaCheckbox, type CheckboxProps } from "react-aria-components";

/** react-aria Checkbox drawn as a bordered choice; its hidden native input keeps the form working without JavaScript. */
export function Checkbox({ children, ...props }: CheckboxProps & { children: React.ReactNode }) {
  return (
    <AriaCheckbox {...props} className="choice">
      <span className="check-box" aria-hidden="true" />
      <span>{children}</span>
    </AriaCheckbox>
  );
}
