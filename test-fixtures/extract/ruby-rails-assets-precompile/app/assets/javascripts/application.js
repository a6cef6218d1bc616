//= require_tree .
