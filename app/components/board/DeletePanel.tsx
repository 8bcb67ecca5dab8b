import { Form } from "react-router";
import { Button } from "~/components/ui/Button";
import { useTranslation } from "~/i18n/react";

/**
 * The second step of deleting a body or a meeting: either why it cannot be deleted and what to do instead, or a plain
 * POST form to confirm. The first step is a link to the same page with ?delete=1, so it works without JavaScript.
 */
export function DeletePanel({
  heading,
  blocker,
  confirm,
  cancelHref,
}: {
  heading: string;
  /** the refusal in words, or null when it may be deleted */
  blocker: string | null;
  confirm: string;
  cancelHref: string;
}) {
  const { t } = useTranslation();
  return (
    <section id="delete" aria-labelledby="delete-heading" className="panel delete-panel">
      <h2 id="delete-heading">{heading}</h2>
      {blocker ? (
        <>
          <p className="notice warn">{blocker}</p>
          <p>
            <a href={cancelHref} className="button secondary">
              {t("meetings.delete.back")}
            </a>
          </p>
        </>
      ) : (
        <Form method="post" className="button-row">
          <input type="hidden" name="intent" value="delete" />
          <p>{t("meetings.delete.cannotUndo")}</p>
          <Button variant="danger">{confirm}</Button>
          <a href={cancelHref} className="button secondary">
            {t("meetings.delete.cancel")}
          </a>
        </Form>
      )}
    </section>
  );
}
