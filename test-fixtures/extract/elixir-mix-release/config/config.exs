import Config

config :pinger, port: 4000
