import { Button as AriaButton, type ButtonProps } from "react-aria-components";

/** react-aria Button with our look. Defaults to type="submit" inside forms, like a plain button. */
export function Button({
  variant = "primary",
  size,
  className,
  ...props
}: ButtonProps & { variant?: "primary" | "secondary" | "danger"; size?: "small" }) {
  const classes = [
    "button",
    variant !== "primary" ? variant : "",
    size ?? "",
    typeof className === "string" ? className : "",
  ]
    .filter(Boolean)
    .join(" ");
  return <AriaButton type="submit" {...props} className={classes} />;
}
