function showFromUrl(el) {
  const params = new URLSearchParams(location.search);
  // ruleid: js.inner-html
  el.innerHTML = params.get("msg");
  // ruleid: js.inner-html
  el.innerHTML += "<p>" + decodeURIComponent(location.hash.slice(1)) + "</p>";
  // ruleid: js.inner-html
  el.insertAdjacentHTML("beforeend", `<b>${window.name}</b>`);
  // ruleid: js.inner-html
  $("#out").html(document.referrer);
  // ok: js.inner-html
  el.innerHTML = "";
  // Sanitizer.
  // ok: js.inner-html
  el.innerHTML = DOMPurify.sanitize(params.get("html"));
  // Safe sink.
  // ok: js.inner-html
  el.textContent = params.get("msg");
}

function render(el, comment) {
  // Data that does not come from the page's URL or a message.
  // ok: js.inner-html
  el.innerHTML = comment.body;
}

window.addEventListener("message", (event) => {
  // ruleid: js.inner-html
  document.getElementById("chat").innerHTML = event.data.text;
});

window.addEventListener("message", (event) => {
  // Validated sender: the origin is checked first.
  if (event.origin !== "https://app.example.com") {
    return;
  }
  // ok: js.inner-html
  document.getElementById("chat").innerHTML = event.data.text;
});

function deadBranch(el) {
  const mode = "text";
  if (mode === "html") {
    // ok: js.inner-html
    el.innerHTML = location.hash;
  }
}
