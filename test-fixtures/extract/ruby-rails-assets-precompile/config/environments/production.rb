Rails.application.configure do
  config.assets.js_compressor = :uglifier
  config.assets.compile = false
end
