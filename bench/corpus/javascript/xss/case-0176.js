'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = decodeURIComponent(window.location.hash.slice(1));
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  document.getElementById('greeting').innerHTML = 'Welcome back, ' + bar;
});
