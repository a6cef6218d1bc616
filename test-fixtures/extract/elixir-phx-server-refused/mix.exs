defmodule Board.MixProject do
  use Mix.Project

  def project do
    [app: :board, version: "0.4.0", elixir: "~> 1.15", deps: deps(), aliases: aliases()]
  end

  def application, do: [mod: {Board.Application, []}, extra_applications: [:logger]]

  defp deps do
    [{:phoenix, "~> 1.7.14"}, {:bandit, "~> 1.5"}, {:esbuild, "~> 0.8", runtime: Mix.env() == :dev}]
  end

  defp aliases, do: ["assets.deploy": ["esbuild default --minify", "phx.digest"]]
end
