//! WCAG 2 contrast from computed CSS colours.
//!
//! The browser reports colours as `rgb(r, g, b)`, `rgba(r, g, b, a)` or,
//! for `color-mix()` results, `color(srgb r g b)` / `color(srgb r g b / a)`.

/// An sRGB colour with straight alpha, each channel in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub r: f64,
    pub g: f64,
    pub b: f64,
    pub a: f64,
}

fn number(s: &str, scale: f64) -> Option<f64> {
    let s = s.trim();
    if s == "none" {
        return Some(0.0);
    }
    match s.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().ok().map(|v| v / 100.0),
        None => s.parse::<f64>().ok().map(|v| v / scale),
    }
}

/// Parses a computed colour value; `None` for forms it does not know.
pub fn parse(css: &str) -> Option<Rgba> {
    let css = css.trim();
    if css == "transparent" {
        return Some(Rgba {
            r: 0.0,
            g: 0.0,
            b: 0.0,
            a: 0.0,
        });
    }
    if let Some(hex) = css.strip_prefix('#') {
        let v = u32::from_str_radix(hex, 16).ok()?;
        return match hex.len() {
            6 => Some(Rgba {
                r: ((v >> 16) & 255) as f64 / 255.0,
                g: ((v >> 8) & 255) as f64 / 255.0,
                b: (v & 255) as f64 / 255.0,
                a: 1.0,
            }),
            3 => Some(Rgba {
                r: ((v >> 8) & 15) as f64 / 15.0,
                g: ((v >> 4) & 15) as f64 / 15.0,
                b: (v & 15) as f64 / 15.0,
                a: 1.0,
            }),
            _ => None,
        };
    }
    let open = css.find('(')?;
    let name = &css[..open];
    let inner = css[open + 1..].strip_suffix(')')?;
    let (channels, alpha) = match inner.split_once('/') {
        Some((c, a)) => (c, Some(a)),
        None => (inner, None),
    };
    let parts: Vec<&str> = channels
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let (scale, rest) = match name {
        "rgb" | "rgba" => (255.0, &parts[..]),
        "color" if parts.first() == Some(&"srgb") => (1.0, &parts[1..]),
        _ => return None,
    };
    let alpha = match (alpha, rest.len()) {
        (Some(a), 3) => number(a, 1.0)?,
        (None, 4) => number(rest[3], 1.0)?,
        (None, 3) => 1.0,
        _ => return None,
    };
    Some(Rgba {
        r: number(rest[0], scale)?.clamp(0.0, 1.0),
        g: number(rest[1], scale)?.clamp(0.0, 1.0),
        b: number(rest[2], scale)?.clamp(0.0, 1.0),
        a: alpha.clamp(0.0, 1.0),
    })
}

/// `top` painted over the opaque `below`.
pub fn over(top: Rgba, below: Rgba) -> Rgba {
    let mix = |t: f64, b: f64| t * top.a + b * (1.0 - top.a);
    Rgba {
        r: mix(top.r, below.r),
        g: mix(top.g, below.g),
        b: mix(top.b, below.b),
        a: 1.0,
    }
}

/// WCAG 2 relative luminance of an opaque colour.
pub fn luminance(c: Rgba) -> f64 {
    let lin = |v: f64| {
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

/// WCAG 2 contrast ratio of two opaque colours, 1 to 21.
pub fn ratio(a: Rgba, b: Rgba) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The contrast of text of colour `fg` over the background layers `bgs`,
/// innermost first (the element's own background, then its ancestors'),
/// on a white canvas. `Err` names a colour it cannot read.
pub fn text_contrast(fg: &str, bgs: &[String]) -> Result<f64, String> {
    let white = Rgba {
        r: 1.0,
        g: 1.0,
        b: 1.0,
        a: 1.0,
    };
    let mut bg = white;
    for layer in bgs.iter().rev() {
        bg = over(
            parse(layer).ok_or_else(|| format!("unreadable colour `{layer}`"))?,
            bg,
        );
    }
    let fg = over(
        parse(fg).ok_or_else(|| format!("unreadable colour `{fg}`"))?,
        bg,
    );
    Ok(ratio(fg, bg))
}

/// Checks the arithmetic against known values (black on white is 21:1,
/// #777 on white about 4.48:1) and the parser against the browser's forms.
pub fn self_check() -> Vec<String> {
    let mut bad = Vec::new();
    let mut expect = |what: &str, got: Result<f64, String>, want: f64| match got {
        Ok(v) if (v - want).abs() < 0.01 => {}
        other => bad.push(format!(
            "contrast self-check: {what} gave {other:?}, want {want}"
        )),
    };
    let no_bg: Vec<String> = Vec::new();
    expect(
        "black on white",
        text_contrast("rgb(0, 0, 0)", &no_bg),
        21.0,
    );
    expect("#777 on white", text_contrast("#777777", &no_bg), 4.48);
    expect(
        "color(srgb) on rgba layers",
        text_contrast(
            "color(srgb 0 0 0)",
            &["rgba(0, 0, 0, 0)".into(), "color(srgb 1 1 1 / 1)".into()],
        ),
        21.0,
    );
    expect(
        "half-transparent black over white",
        text_contrast("rgb(255 255 255)", &["rgba(0, 0, 0, 0.5)".into()]),
        ratio(
            Rgba {
                r: 1.0,
                g: 1.0,
                b: 1.0,
                a: 1.0,
            },
            Rgba {
                r: 0.5,
                g: 0.5,
                b: 0.5,
                a: 1.0,
            },
        ),
    );
    expect(
        "#aaa on white",
        text_contrast("#aaa", &["rgb(255, 255, 255)".into()]),
        2.32,
    );
    bad
}
