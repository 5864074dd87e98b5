'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = decodeURIComponent(window.location.hash.slice(1));
  const num = 106;
  const bar = 7 * 18 + num > 200 ? 'guest' : param;
  document.getElementById('greeting').innerHTML = 'Welcome back, ' + bar;
});
