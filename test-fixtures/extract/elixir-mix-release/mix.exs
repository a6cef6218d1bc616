defmodule Pinger.MixProject do
  use Mix.Project

  def project do
    [app: :pinger, version: "0.1.0", elixir: "~> 1.16", start_permanent: Mix.env() == :prod, deps: deps()]
  end

  def application do
    [extra_applications: [:logger], mod: {Pinger.Application, []}]
  end

  defp deps do
    [{:plug_cowboy, "~> 2.7"}]
  end
end
