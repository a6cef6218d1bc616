package com.acme.inventory;

public class App { public static void main(String[] a) {} }
