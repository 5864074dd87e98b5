'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = decodeURIComponent(window.location.hash.slice(1));
  let bar = 'a friend';
  bar = param;
  document.write('<p>Shared by ' + bar + '</p>');
});
