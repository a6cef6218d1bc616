defmodule BoardWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :board

  plug Plug.Static, at: "/", from: :board, gzip: true, only: ~w(assets favicon.ico)
  plug BoardWeb.Router
end
