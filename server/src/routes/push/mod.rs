//! Web Push subscriptions: a signed-in browser registers where its pushes
//! go, and can remove that at any time. Anyone may read the key pushes
//! are signed with.

mod create_subscription;
mod delete_subscription;
mod get_vapid_public_key;

use super::endpoint::Endpoint;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get("/push/vapid-public-key", "get_vapid_public_key", || {
            web::get().to(get_vapid_public_key::get_vapid_public_key)
        })
        .summary("The server's VAPID public key (base64url), the applicationServerKey a browser subscribes with.")
        .anyone(),
        Endpoint::post("/push/subscriptions", "create_push_subscription", || {
            web::post().to(create_subscription::create_subscription)
        })
        .summary("Register this browser's push subscription (PushSubscription.toJSON()); the same endpoint again replaces it.")
        .body("{endpoint, keys: {p256dh, auth}}")
        .created(),
        Endpoint::delete("/push/subscriptions/{id}", "delete_push_subscription", || {
            web::delete().to(delete_subscription::delete_subscription)
        })
        .summary("Stop pushes to one of the caller's browsers; its queued pushes are dropped.")
        .no_content(),
    ]
}
