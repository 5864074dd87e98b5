export function greet(el: HTMLElement): void {
  const name: string = new URL(document.URL).searchParams.get("name") ?? "";
  // ruleid: js.inner-html
  el.outerHTML = `<span>${name}</span>`;
  // ok: js.inner-html
  el.innerText = name;
}
