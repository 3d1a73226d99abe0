//! Animated GIF, written by hand: a fixed 255-colour palette derived from our colours (the
//! landscape palette, its contour-darkened shades, the run colours and their faint tints, greys
//! and the panels' reds), nearest-colour mapping through a 32³ cache, and GIF's variable-width LZW.
//! A frame after the first keeps only the rectangle that changed, its unchanged pixels
//! transparent, so a race's frames cost about what their trajectories and panels change.
//! (GIF89a: W3C/CompuServe 1990. LZW as in Welch 1984, with GIF's clear and end codes.)

use super::colormap;

/// The palette index of transparent pixels (never a colour).
pub const TRANSPARENT: u8 = 255;

/// The 256 palette entries (the last one stands for "transparent").
pub fn palette() -> Vec<[u8; 3]> {
    let mut p: Vec<[u8; 3]> = Vec::with_capacity(256);
    let ramp = |n: usize, k: usize| colormap::landscape_exact(k as f64 / (n - 1) as f64);
    // The landscape palette, 128 steps, and darkened to 5/8 (contour lines, trajectory halos), 48.
    for k in 0..128 {
        p.push(ramp(128, k));
    }
    for k in 0..48 {
        let c = ramp(48, k);
        p.push([(c[0] as u16 * 5 / 8) as u8, (c[1] as u16 * 5 / 8) as u8, (c[2] as u16 * 5 / 8) as u8]);
    }
    // Run colours, their 55% mix with white (faint panel lines) and with the landscape's dark end.
    for k in 0..8 {
        let c = colormap::run(k);
        p.push([c.0, c.1, c.2]);
        let mix = |a: u8, b: u8, t: f64| (a as f64 * t + b as f64 * (1.0 - t)).round() as u8;
        p.push([mix(c.0, 255, 0.55), mix(c.1, 255, 0.55), mix(c.2, 255, 0.55)]);
        p.push([mix(c.0, 255, 0.3), mix(c.1, 255, 0.3), mix(c.2, 255, 0.3)]);
    }
    // Reds and blues of the Hessian panel and eigen-axes.
    let (n, q) = (colormap::NEGATIVE, colormap::POSITIVE);
    p.push([n.0, n.1, n.2]);
    p.push([q.0, q.1, q.2]);
    p.push([252, 239, 239]);
    p.push([150, 60, 60]);
    // Greys for text, axes, grids and anti-aliased edges: fill to 255 entries.
    let greys = 255 - p.len();
    for k in 0..greys {
        let g = (k * 255 / (greys - 1)) as u8;
        p.push([g, g, g]);
    }
    p.push([0, 0, 0]);
    p
}

/// Nearest palette entry (not the transparent one) for each colour quantised to 5 bits a channel.
fn cache(p: &[[u8; 3]]) -> Vec<u8> {
    let mut out = vec![0u8; 32 * 32 * 32];
    for (i, slot) in out.iter_mut().enumerate() {
        // Each bin is represented by its level spread over 0…255, so pure black and white land exactly.
        let level = |v: usize| (v as i32 * 255 + 15) / 31;
        let (r, g, b) = (level((i >> 10) & 31), level((i >> 5) & 31), level(i & 31));
        let mut best = (i32::MAX, 0u8);
        for (k, c) in p.iter().enumerate().take(255) {
            let (dr, dg, db) = (r - c[0] as i32, g - c[1] as i32, b - c[2] as i32);
            let d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if d < best.0 {
                best = (d, k as u8);
            }
        }
        *slot = best.1;
    }
    out
}

/// Maps RGBA pixels to palette indices.
pub fn indices(rgba: &[u8]) -> Vec<u8> {
    static CACHE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let c = CACHE.get_or_init(|| cache(&palette()));
    rgba.chunks_exact(4).map(|px| c[((px[0] as usize >> 3) << 10) | ((px[1] as usize >> 3) << 5) | (px[2] as usize >> 3)]).collect()
}

/// The file's start: header, logical screen of `w × h`, the palette, loop forever.
pub fn header(w: u16, h: u16) -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend(w.to_le_bytes());
    out.extend(h.to_le_bytes());
    out.extend([0xF7, 0, 0]);
    for c in palette() {
        out.extend(c);
    }
    out.extend([0x21, 0xFF, 11]);
    out.extend(b"NETSCAPE2.0");
    out.extend([3, 1, 0, 0, 0]);
    out
}

/// The file's end.
pub const TRAILER: u8 = 0x3B;

/// One frame of `w × h` RGBA pixels shown for `delay` hundredths of a second. With the previous
/// frame's pixels, only the rectangle that changed is written, its unchanged pixels transparent.
pub fn frame(previous: Option<&[u8]>, rgba: &[u8], w: u16, h: u16, delay: u16) -> Vec<u8> {
    let (wu, hu) = (w as usize, h as usize);
    let cur = indices(&rgba[..wu * hu * 4]);
    let prev = previous.filter(|p| p.len() >= wu * hu * 4).map(|p| indices(&p[..wu * hu * 4]));
    // The rectangle that changed (all of it for a first frame; one pixel when nothing did).
    let (mut x0, mut y0, mut x1, mut y1) = (0, 0, wu, hu);
    if let Some(p) = &prev {
        let (mut a, mut b, mut c, mut d) = (usize::MAX, usize::MAX, 0, 0);
        for y in 0..hu {
            for x in 0..wu {
                if p[y * wu + x] != cur[y * wu + x] {
                    a = a.min(x);
                    b = b.min(y);
                    c = c.max(x + 1);
                    d = d.max(y + 1);
                }
            }
        }
        (x0, y0, x1, y1) = if a == usize::MAX { (0, 0, 1, 1) } else { (a, b, c, d) };
    }
    let mut px = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for y in y0..y1 {
        for x in x0..x1 {
            let i = y * wu + x;
            px.push(match &prev {
                Some(p) if p[i] == cur[i] => TRANSPARENT,
                _ => cur[i],
            });
        }
    }
    let mut out = Vec::with_capacity(px.len() / 2 + 64);
    // Graphic control: keep the previous frame under this one, transparent index 255.
    out.extend([0x21, 0xF9, 4, 0b0000_0101]);
    out.extend(delay.to_le_bytes());
    out.extend([TRANSPARENT, 0]);
    out.push(0x2C);
    for v in [x0 as u16, y0 as u16, (x1 - x0) as u16, (y1 - y0) as u16] {
        out.extend(v.to_le_bytes());
    }
    out.push(0);
    out.push(8);
    let data = lzw(&px);
    for block in data.chunks(255) {
        out.push(block.len() as u8);
        out.extend(block);
    }
    out.push(0);
    out
}

/// GIF's LZW of 8-bit indices: codes from 9 to 12 bits, least significant bit first, a clear code
/// when the table is full.
pub fn lzw(data: &[u8]) -> Vec<u8> {
    const CLEAR: u32 = 256;
    const END: u32 = 257;
    const HASH: usize = 8191;
    let mut out = Vec::with_capacity(data.len() / 2 + 16);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut width = 9u32;
    let mut emit = |code: u32, width: u32, out: &mut Vec<u8>| {
        acc |= code << bits;
        bits += width;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    };
    // Open-addressed table of (prefix code, byte) → code.
    let mut keys = vec![u32::MAX; HASH];
    let mut codes = vec![0u16; HASH];
    let mut next = 258u32;
    emit(CLEAR, width, &mut out);
    let Some((&first, rest)) = data.split_first() else {
        emit(END, width, &mut out);
        if bits > 0 {
            out.push(acc as u8);
        }
        return out;
    };
    let mut prefix = first as u32;
    for &b in rest {
        let key = (prefix << 8) | b as u32;
        let mut h = (key.wrapping_mul(2_654_435_761) >> 8) as usize % HASH;
        let found = loop {
            if keys[h] == key {
                break Some(codes[h] as u32);
            }
            if keys[h] == u32::MAX {
                break None;
            }
            h = (h + 1) % HASH;
        };
        match found {
            Some(c) => prefix = c,
            None => {
                emit(prefix, width, &mut out);
                if next < 4096 {
                    keys[h] = key;
                    codes[h] = next as u16;
                    // The decoder widens its codes when its table (one entry behind ours) would
                    // overflow the current width.
                    if next == (1 << width) && width < 12 {
                        width += 1;
                    }
                    next += 1;
                } else {
                    emit(CLEAR, width, &mut out);
                    keys.iter_mut().for_each(|k| *k = u32::MAX);
                    next = 258;
                    width = 9;
                }
                prefix = b as u32;
            }
        }
    }
    emit(prefix, width, &mut out);
    emit(END, width, &mut out);
    if bits > 0 {
        out.push(acc as u8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GIF LZW decoder (for the test only).
    fn unlzw(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut table: Vec<Vec<u8>> = (0..258).map(|i| if i < 256 { vec![i as u8] } else { vec![] }).collect();
        let (mut pos, mut width) = (0usize, 9u32);
        let mut prev: Option<Vec<u8>> = None;
        let read = |pos: &mut usize, width: u32| -> Option<u32> {
            let mut v = 0u32;
            for k in 0..width {
                let byte = *data.get((*pos + k as usize) / 8)?;
                v |= (((byte >> ((*pos + k as usize) % 8)) & 1) as u32) << k;
            }
            *pos += width as usize;
            Some(v)
        };
        while let Some(code) = read(&mut pos, width) {
            if code == 256 {
                table.truncate(258);
                width = 9;
                prev = None;
                continue;
            }
            if code == 257 {
                break;
            }
            let entry = if (code as usize) < table.len() {
                table[code as usize].clone()
            } else {
                let p = prev.clone().unwrap();
                let mut e = p.clone();
                e.push(p[0]);
                e
            };
            out.extend(&entry);
            if let Some(p) = prev {
                let mut e = p.clone();
                e.push(entry[0]);
                table.push(e);
            }
            if table.len() + 1 > (1 << width) && width < 12 {
                width += 1;
            }
            prev = Some(entry);
        }
        out
    }

    #[test]
    fn lzw_round_trips() {
        let mut x = 12345u32;
        let noisy: Vec<u8> = (0..20000)
            .map(|_| {
                x = x.wrapping_mul(1103515245).wrapping_add(12345);
                (x >> 16) as u8 % 7
            })
            .collect();
        let runs: Vec<u8> = (0..50000).map(|i| (i / 300 % 200) as u8).collect();
        let wide: Vec<u8> = (0..70000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
        for data in [vec![], vec![5], noisy, runs, wide] {
            assert_eq!(unlzw(&lzw(&data)), data);
        }
    }

    #[test]
    fn the_palette_has_our_colours() {
        let p = palette();
        assert_eq!(p.len(), 256);
        for k in 0..8 {
            let c = colormap::run(k);
            assert!(p.contains(&[c.0, c.1, c.2]));
        }
        assert!(p.contains(&[255, 255, 255]));
        let c = colormap::run(0);
        let i = indices(&[255, 255, 255, 255, c.0, c.1, c.2, 255]);
        assert_eq!(p[i[0] as usize], [255, 255, 255]);
        assert_eq!(p[i[1] as usize], [c.0, c.1, c.2]);
    }

    #[test]
    fn a_second_frame_keeps_only_what_changed() {
        let (w, h) = (40u16, 30u16);
        let a = vec![200u8; 40 * 30 * 4];
        let mut b = a.clone();
        for px in b[(10 * 40 + 5) * 4..(10 * 40 + 9) * 4].iter_mut() {
            *px = 0;
        }
        let f1 = frame(None, &a, w, h, 5);
        let f2 = frame(Some(&a), &b, w, h, 5);
        // Image descriptor: x, y, w, h after 0x2C.
        let desc = |f: &[u8]| {
            let i = f.iter().position(|&v| v == 0x2C).unwrap();
            let r = |k: usize| u16::from_le_bytes([f[i + 1 + 2 * k], f[i + 2 + 2 * k]]);
            (r(0), r(1), r(2), r(3))
        };
        assert_eq!(desc(&f1), (0, 0, 40, 30));
        assert_eq!(desc(&f2), (5, 10, 4, 1));
    }
}
