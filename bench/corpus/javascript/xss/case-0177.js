'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = new URLSearchParams(window.location.search).get('name');
  const values = ['safe', param, 'a friend'];
  values.shift();
  const bar = values[1];
  document.write('<p>Shared by ' + bar + '</p>');
});
