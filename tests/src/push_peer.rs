//! A push service of our own for tests: it accepts Web Push requests over
//! plain HTTP/1.1 on a loopback port, records every header, decrypts each
//! payload with the subscription's private key (RFC 8291, as a browser
//! would), and answers as each test scripts it: 201 by default, any
//! status with any headers, or no answer at all. Shared by the HTTP tests
//! and the server's process tests (included there with `#[path]`), so it
//! uses only tokio, ece, base64 and serde_json.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// How the peer answers one push.
#[derive(Debug, Clone)]
pub enum Reply {
    /// This status, with these extra headers.
    Status(u16, Vec<(&'static str, String)>),
    /// Never answers (the connection stays open).
    Hang,
}

/// One push as it arrived.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The subscription's name (the endpoint's last path segment).
    pub name: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    /// The decrypted payload, when the subscription is ours and it decrypts.
    pub payload: Option<String>,
}

struct Keys {
    components: ece::EcKeyComponents,
    auth: Vec<u8>,
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    keys: HashMap<String, Keys>,
    scripts: HashMap<String, VecDeque<Reply>>,
    delay: Duration,
}

#[derive(Clone)]
pub struct PushPeer {
    /// `http://127.0.0.1:<port>`: add it to the server's push origins.
    pub origin: String,
    state: Arc<Mutex<State>>,
}

impl PushPeer {
    pub async fn start() -> PushPeer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, shared.clone()));
            }
        });
        PushPeer { origin, state }
    }

    /// A browser's `PushSubscription.toJSON()` for a new subscription here,
    /// with a real key pair and auth secret.
    pub fn subscribe(&self, name: &str) -> Value {
        let (pair, auth) = ece::generate_keypair_and_auth_secret().unwrap();
        let public = pair.pub_as_raw().unwrap();
        let components = pair.raw_components().unwrap();
        self.state.lock().unwrap().keys.insert(
            name.to_owned(),
            Keys {
                components,
                auth: auth.to_vec(),
            },
        );
        json!({
            "endpoint": format!("{}/push/{name}", self.origin),
            "keys": {"p256dh": URL_SAFE_NO_PAD.encode(public), "auth": URL_SAFE_NO_PAD.encode(auth)}
        })
    }

    /// Answers for the next pushes to `name`, in order; 201 after them.
    pub fn script(&self, name: &str, replies: Vec<Reply>) {
        self.state
            .lock()
            .unwrap()
            .scripts
            .insert(name.to_owned(), replies.into());
    }

    /// Waits this long before each answer (a slow push service).
    pub fn delay(&self, delay: Duration) {
        self.state.lock().unwrap().delay = delay;
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn count(&self) -> usize {
        self.state.lock().unwrap().requests.len()
    }
}

async fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
            return;
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("")
            .to_owned();
        let mut headers = HashMap::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
        }
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let name = path.rsplit('/').next().unwrap_or("").to_owned();
        let (reply, delay) = {
            let mut state = state.lock().unwrap();
            let payload = state.keys.get(&name).and_then(|keys| {
                ece::decrypt(&keys.components, &keys.auth, &body)
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok())
            });
            state.requests.push(Recorded {
                name: name.clone(),
                headers,
                payload,
            });
            let reply = state
                .scripts
                .get_mut(&name)
                .and_then(VecDeque::pop_front)
                .unwrap_or(Reply::Status(201, Vec::new()));
            (reply, state.delay)
        };
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        match reply {
            Reply::Hang => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                return;
            }
            Reply::Status(status, extra) => {
                let mut answer = format!("HTTP/1.1 {status} Scripted\r\nContent-Length: 0\r\n");
                for (name, value) in extra {
                    answer.push_str(&format!("{name}: {value}\r\n"));
                }
                answer.push_str("\r\n");
                if reader.get_mut().write_all(answer.as_bytes()).await.is_err() {
                    return;
                }
            }
        }
    }
}
