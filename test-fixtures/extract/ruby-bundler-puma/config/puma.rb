port 3000
