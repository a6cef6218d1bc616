fn main() { println!("short"); }
