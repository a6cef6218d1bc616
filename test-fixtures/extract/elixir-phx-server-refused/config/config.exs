import Config

config :board, BoardWeb.Endpoint, http: [port: 4000], server: true
