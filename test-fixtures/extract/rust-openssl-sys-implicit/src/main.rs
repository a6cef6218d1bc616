use std::env;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = env::var("FEED_URL").unwrap_or_else(|_| "https://example.com/feed.json".into());
    let body = reqwest::blocking::get(url)?.text()?;
    println!("fetched {} bytes", body.len());
    Ok(())
}
