//! The SVG plots. Drawn on a white plate with rounded corners and explicit
//! colours, so that they read the same on the book's light and dark themes
//! and on paper; text is SVG text (no font files needed).

use plotters::prelude::*;
use std::error::Error;

type Res<T> = Result<T, Box<dyn Error>>;

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);
/// Blue, orange, green, purple, red: told apart also by marker and dash.
pub const COLOURS: [RGBColor; 5] = [
    RGBColor(0x1f, 0x5f, 0xa8),
    RGBColor(0xd9, 0x60, 0x0b),
    RGBColor(0x2e, 0x7d, 0x32),
    RGBColor(0x7b, 0x3f, 0x9e),
    RGBColor(0xb0, 0x1c, 0x2e),
];

/// One measured speed-up curve.
pub struct Curve {
    pub label: String,
    /// (threads, speed-up)
    pub points: Vec<(f64, f64)>,
    /// The fitted parallel fraction, if any.
    pub amdahl_p: Option<f64>,
}

/// Finishes an SVG: rounded plate, an accessible title and description.
fn finish(svg: String, title: &str, desc: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let svg = svg.replacen("<rect ", "<rect rx=\"14\" ry=\"14\" ", 1);
    match svg
        .find("<svg ")
        .and_then(|s| svg[s..].find('>').map(|e| s + e))
    {
        Some(end) => format!(
            "{} role=\"img\">\n<title>{}</title>\n<desc>{}</desc>{}",
            &svg[..end],
            esc(title),
            esc(desc),
            &svg[end + 1..]
        ),
        None => svg,
    }
}

fn footer(area: &DrawingArea<SVGBackend, plotters::coord::Shift>, lines: &[String]) -> Res<()> {
    let style = TextStyle::from(("sans-serif", 13).into_font()).color(&INK);
    for (i, l) in lines.iter().enumerate() {
        area.draw_text(l, &style, (14, 4 + 17 * i as i32))?;
    }
    Ok(())
}

/// Speed-up against thread count: each curve's points, its Amdahl fit (up
/// to the cores), the ideal line min(n, cores), and the cores marked.
pub fn speedup(
    curves: &[Curve],
    cores: usize,
    max_threads: usize,
    footer_lines: &[String],
    desc: &str,
) -> Res<String> {
    let (w, h) = (720u32, 470u32);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE)?;
        let (upper, lower) = root.split_vertically(h - 44);
        let top = curves
            .iter()
            .flat_map(|c| c.points.iter().map(|p| p.1))
            .fold(cores as f64, f64::max);
        // Room above the curves for the legend.
        let ymax = (top * 1.7).max(2.0);
        let xmax = max_threads as f64 + 0.5;
        let mut chart = ChartBuilder::on(&upper)
            .caption(
                "Speed-up against threads",
                ("sans-serif", 20).into_font().color(&INK),
            )
            .margin(14)
            .margin_right(40)
            .x_label_area_size(42)
            .y_label_area_size(52)
            .build_cartesian_2d(0.5f64..xmax, 0f64..ymax)?;
        chart
            .configure_mesh()
            .x_desc("threads")
            .y_desc("speed-up over 1 thread")
            .x_labels(max_threads.min(16) * 2 + 1)
            .x_label_formatter(&|x| {
                if (x - x.round()).abs() < 1e-9 && *x >= 1.0 {
                    format!("{x:.0}")
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format!("{y:.1}"))
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .axis_style(INK)
            .label_style(("sans-serif", 14).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 15).into_font().color(&INK))
            .draw()?;

        // The ideal: n times faster with n threads, until the cores run out.
        let grey = RGBColor(0x77, 0x77, 0x77);
        let ideal: Vec<(f64, f64)> = (1..=max_threads)
            .map(|n| (n as f64, n.min(cores) as f64))
            .collect();
        chart
            .draw_series(LineSeries::new(ideal, grey.stroke_width(2)))?
            .label(format!("ideal: n threads on {cores} cores"))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 22, y)], grey.stroke_width(2))
            });
        chart.draw_series(DashedLineSeries::new(
            vec![(cores as f64, 0.0), (cores as f64, ymax)],
            4,
            4,
            grey.stroke_width(1),
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            format!(" {cores} cores"),
            (cores as f64, ymax * 0.97),
            ("sans-serif", 13).into_font().color(&grey),
        )))?;

        for (i, c) in curves.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            let pts = c.points.clone();
            chart
                .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(2)))?
                .label(c.label.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 22, y)], colour.stroke_width(2))
                });
            match i % 3 {
                0 => chart.draw_series(pts.iter().map(|&p| Circle::new(p, 5, colour.filled())))?,
                1 => chart.draw_series(
                    pts.iter()
                        .map(|&p| TriangleMarker::new(p, 6, colour.filled())),
                )?,
                _ => chart.draw_series(
                    pts.iter()
                        .map(|&p| Cross::new(p, 5, colour.stroke_width(2))),
                )?,
            };
            if let Some(p) = c.amdahl_p {
                let p = p.clamp(0.0, 1.0);
                let fit: Vec<(f64, f64)> = (0..=40)
                    .map(|k| 1.0 + (cores as f64 - 1.0) * k as f64 / 40.0)
                    .map(|n| (n, 1.0 / ((1.0 - p) + p / n)))
                    .collect();
                chart
                    .draw_series(DashedLineSeries::new(fit, 6, 4, colour.stroke_width(1)))?
                    .label(format!("Amdahl fit, p = {p:.3}"))
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 22, y)], colour.stroke_width(1))
                    });
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font(("sans-serif", 13).into_font().color(&INK))
            .draw()?;
        footer(&lower, footer_lines)?;
        root.present()?;
    }
    Ok(finish(buf, "Speed-up against threads", desc))
}

/// One bar of the throughput plot.
pub struct Bar {
    pub label: String,
    /// Samples per second.
    pub value: f64,
    /// Index into COLOURS (the kind of bar).
    pub kind: usize,
}

/// Horizontal bars on a logarithmic scale, first bar at the top, with the
/// value written after each bar; `kinds` names the colours in a legend.
pub fn throughput(
    bars: &[Bar],
    kinds: &[&str],
    footer_lines: &[String],
    desc: &str,
) -> Res<String> {
    let rows = bars.len().max(1);
    let (w, h) = (760u32, 130 + 26 * rows as u32);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE)?;
        let (upper, lower) = root.split_vertically(h - 44);
        let finite = || {
            bars.iter()
                .map(|b| b.value)
                .filter(|v| v.is_finite() && *v > 0.0)
        };
        let lo = finite().fold(f64::INFINITY, f64::min).min(1e6);
        let hi = finite().fold(0.0, f64::max).max(lo * 10.0);
        let (xmin, xmax) = (
            10f64.powf(lo.log10().floor()),
            10f64.powf((hi * 30.0).log10().ceil()),
        );
        let label_width = bars
            .iter()
            .map(|b| b.label.chars().count())
            .max()
            .unwrap_or(10) as u32
            * 7
            + 16;
        let mut chart = ChartBuilder::on(&upper)
            .caption(
                "π: samples per second (more is better)",
                ("sans-serif", 20).into_font().color(&INK),
            )
            .margin(14)
            .margin_right(40)
            .x_label_area_size(40)
            .y_label_area_size(label_width.min(360))
            .build_cartesian_2d(
                (xmin..xmax).log_scale(),
                (0..rows as i32 - 1).into_segmented(),
            )?;
        let names: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .x_desc("samples per second (logarithmic scale)")
            .x_label_formatter(&|x| crate::measure::rate(*x))
            .y_labels(rows)
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(i) => (rows as i32 - 1)
                    .checked_sub(*i)
                    .and_then(|k| names.get(usize::try_from(k).ok()?))
                    .cloned()
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .bold_line_style(GRID)
            .axis_style(INK)
            .label_style(("sans-serif", 13).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 15).into_font().color(&INK))
            .draw()?;
        for (i, b) in bars.iter().enumerate() {
            if !(b.value.is_finite() && b.value > 0.0) {
                continue;
            }
            let row = (rows - 1 - i) as i32;
            let colour = COLOURS[b.kind % COLOURS.len()];
            chart.draw_series(std::iter::once(Rectangle::new(
                [
                    (xmin, SegmentValue::Exact(row)),
                    (b.value, SegmentValue::Exact(row + 1)),
                ],
                colour.filled(),
            )))?;
            chart.draw_series(std::iter::once(Text::new(
                format!(" {}", crate::measure::rate(b.value)),
                (b.value, SegmentValue::CenterOf(row)),
                ("sans-serif", 12).into_font().color(&INK).pos(
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Center,
                    ),
                ),
            )))?;
        }
        for (k, name) in kinds.iter().enumerate() {
            let colour = COLOURS[k % COLOURS.len()];
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, SegmentValue<i32>)>>())?
                .label(name.to_string())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 16, y + 6)], colour.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .label_font(("sans-serif", 13).into_font().color(&INK))
            .draw()?;
        footer(&lower, footer_lines)?;
        root.present()?;
    }
    Ok(finish(buf, "π: samples per second", desc))
}
