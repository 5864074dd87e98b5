function show(el, comment) {
  // ruleid: js.inner-html
  el.innerHTML = comment.body;
  // ruleid: js.inner-html
  el.innerHTML += "<p>" + comment.author + "</p>";
  // ruleid: js.inner-html
  el.insertAdjacentHTML("beforeend", `<b>${comment.title}</b>`);
  // ok: js.inner-html
  el.innerHTML = "";
  // ok: js.inner-html
  el.innerHTML = DOMPurify.sanitize(comment.html);
  // ok: js.inner-html
  el.textContent = comment.body;
}
