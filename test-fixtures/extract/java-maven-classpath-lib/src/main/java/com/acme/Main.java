package com.acme;

import io.undertow.Undertow;

public class Main {
    public static void main(String[] args) {
        Undertow.builder()
            .addHttpListener(8080, "0.0.0.0")
            .setHandler(exchange -> exchange.getResponseSender().send("relay"))
            .build()
            .start();
    }
}
