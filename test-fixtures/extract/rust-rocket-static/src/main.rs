#[macro_use]
extern crate rocket;

use rocket::fs::FileServer;

#[get("/health")]
fn health() -> &'static str {
    "ok"
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![health]).mount("/", FileServer::from("static"))
}
