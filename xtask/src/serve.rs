//! `cargo xtask serve`: build, serve the site on localhost, rebuild on change.
//!
//! We serve the built site ourselves rather than installing the mdbook CLI:
//! the CLI would also need mdbook-katex installed as a program (a long build
//! of a JavaScript engine), while our in-process build already has both at
//! the versions Cargo.lock pins. The server is axum + tower-http, the same
//! stack `mdbook serve` uses, and reloads pages through mdBook's own
//! live-reload hook (a websocket that says "reload").

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::routing::get;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::broadcast;
use tower_http::services::ServeDir;

const RELOAD: &str = "__livereload";

/// Everything a rebuild depends on.
fn watched(root: &Path) -> Vec<PathBuf> {
    ["book.toml", "src", "theme", "listings", "solutions/src"]
        .iter()
        .map(|p| root.join(p))
        .collect()
}

fn build_once(root: &Path) -> mdbook_driver::errors::Result<PathBuf> {
    let mut book = crate::load(root)?;
    book.config
        .set("output.html.live-reload-endpoint", RELOAD)?;
    book.build()?;
    Ok(book.build_dir_for("html"))
}

pub fn serve(port: u16) -> mdbook_driver::errors::Result<()> {
    let root = crate::root();
    let dir = build_once(&root)?;
    let (tx, _) = broadcast::channel::<()>(16);
    let reload = tx.clone();
    let server = std::thread::spawn(move || run_server(dir, port, reload));
    println!("serving the book on http://localhost:{port} (Ctrl-C to stop); rebuilding on change");

    // Rebuild when anything the book is made of changes (notify, debounced).
    let (changed_tx, changed) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(
        Duration::from_millis(300),
        move |res: DebounceEventResult| {
            if res.is_ok_and(|events| !events.is_empty()) {
                let _ = changed_tx.send(());
            }
        },
    )
    .map_err(|e| mdbook_driver::errors::Error::msg(format!("cannot watch the book: {e}")))?;
    for path in watched(&root) {
        if path.exists() {
            let _ = debouncer.watcher().watch(&path, RecursiveMode::Recursive);
        }
    }
    while !server.is_finished() {
        if changed.recv_timeout(Duration::from_millis(500)).is_err() {
            continue;
        }
        while changed.try_recv().is_ok() {}
        match build_once(&root) {
            Ok(_) => {
                println!("rebuilt");
                let _ = tx.send(());
            }
            Err(e) => eprintln!("build failed: {e:#}"),
        }
    }
    let _ = server.join();
    Err(mdbook_driver::errors::Error::msg(format!(
        "the server on port {port} stopped"
    )))
}

#[tokio::main]
async fn run_server(dir: PathBuf, port: u16, reload: broadcast::Sender<()>) {
    let ws = move |upgrade: WebSocketUpgrade| {
        let reload = reload.clone();
        async move { upgrade.on_upgrade(move |socket| wait_and_reload(socket, reload)) }
    };
    let app = Router::new()
        .route(&format!("/{RELOAD}"), get(ws))
        .fallback_service(ServeDir::new(dir));
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on port {port}: {e} (try --port)");
            return;
        }
    };
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("server error: {e}");
    }
}

async fn wait_and_reload(mut socket: WebSocket, reload: broadcast::Sender<()>) {
    let mut rx = reload.subscribe();
    if rx.recv().await.is_ok() {
        let _ = socket.send(Message::text("reload")).await;
    }
}
