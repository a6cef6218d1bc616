package com.acme.ledger.core;

public record Money(long cents, String currency) {}
