require 'sinatra'
get('/') { 'hi' }
