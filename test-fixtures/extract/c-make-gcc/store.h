extern int store;
