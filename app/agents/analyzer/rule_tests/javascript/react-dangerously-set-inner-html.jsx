import DOMPurify from "dompurify";
import sanitizeHtml from "sanitize-html";

export function Comment({ comment }) {
  // ruleid: js.react-dangerously-set-inner-html
  const raw = <div dangerouslySetInnerHTML={{ __html: comment.html }} />;
  // ok: js.react-dangerously-set-inner-html
  const clean = <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.html) }} />;
  // ok: js.react-dangerously-set-inner-html
  const rule = <div dangerouslySetInnerHTML={{ __html: "<hr/>" }} />;
  // ok: js.react-dangerously-set-inner-html
  const summary = <div dangerouslySetInnerHTML={{ __html: sanitizeHtml(comment.summary) }} />;
  return (
    <section>
      {raw}
      {clean}
      {rule}
      {summary}
      <p>{comment.body}</p>
    </section>
  );
}
