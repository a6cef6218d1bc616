/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ['./shop/templates/**/*.html'],
  theme: { extend: {} },
};
