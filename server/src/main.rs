#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    lantern_server::telemetry::init();
    lantern_server::cli::run().await
}
