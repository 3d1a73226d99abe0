// embed.html's β slider: drives the third demo's `beta` attribute (no inline script: the page
// runs under a strict Content-Security-Policy).
const slider = document.getElementById('beta');
slider.addEventListener('input', () => {
  document.getElementById('beta-out').textContent = slider.value;
  document.getElementById('demo-relu').setAttribute('beta', slider.value);
});
