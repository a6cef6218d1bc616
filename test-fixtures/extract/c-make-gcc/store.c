int store;
