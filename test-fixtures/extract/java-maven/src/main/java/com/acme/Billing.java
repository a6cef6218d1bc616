package com.acme;

public class Billing { public static void main(String[] a) {} }
