const board = document.getElementById('board');
board.textContent = 'Loading cards…';
