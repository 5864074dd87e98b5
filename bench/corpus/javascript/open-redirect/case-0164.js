'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = decodeURIComponent(window.location.hash.slice(1));
  let bar = '/orders';
  bar = param;
  window.location.assign(bar);
});
