'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = decodeURIComponent(window.location.hash.slice(1));
  let bar = param;
  bar = 'a friend';
  document.write('<p>Shared by ' + bar + '</p>');
});
