defmodule Pinger.Application do
  use Application

  def start(_type, _args) do
    port = Application.fetch_env!(:pinger, :port)
    children = [{Plug.Cowboy, scheme: :http, plug: Pinger.Router, options: [port: port]}]
    Supervisor.start_link(children, strategy: :one_for_one, name: Pinger.Supervisor)
  end
end
