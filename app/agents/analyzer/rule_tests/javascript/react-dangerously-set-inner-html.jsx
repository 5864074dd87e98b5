import DOMPurify from "dompurify";

export function Comment({ comment }) {
  // ruleid: js.react-dangerously-set-inner-html
  const raw = <div dangerouslySetInnerHTML={{ __html: comment.html }} />;
  // ok: js.react-dangerously-set-inner-html
  const clean = <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.html) }} />;
  // ok: js.react-dangerously-set-inner-html
  const rule = <div dangerouslySetInnerHTML={{ __html: "<hr/>" }} />;
  return (
    <section>
      {raw}
      {clean}
      {rule}
      <p>{comment.body}</p>
    </section>
  );
}
