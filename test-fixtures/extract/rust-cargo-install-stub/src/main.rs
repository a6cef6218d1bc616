use std::env;

fn main() {
    let level = env::var("RUST_LOG").unwrap_or_default();
    println!("ledgerd starting ({level})");
}
