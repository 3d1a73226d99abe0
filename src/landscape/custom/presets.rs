//! Worked examples for the landscape menu: each a scenario of the `custom` landscape.

/// One example: a title for the menu and the scenario it loads.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    pub title: &'static str,
    pub scenario: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        title: "Monkey saddle, typed by hand (μ, κ as knobs)",
        scenario: "landscape=custom&f=x^3-3*x*y^2+mu*(x^2+y^2)+kappa*(x^2+y^2)^2&p.kappa=1:0.05:10&p.mu=0:-1:1",
    },
    Preset { title: "Inflection saddle x³ + y²", scenario: "landscape=custom&f=x^3+y^2" },
    Preset { title: "Himmelblau with a knob a", scenario: "landscape=custom&f=(x^2+y-a)^2+(x+y^2-7)^2&p.a=11:5:15" },
    Preset { title: "Tiny linear network (1 − xy)²: a saddle and a valley of minima", scenario: "landscape=custom&f=(1-x*y)^2" },
    Preset { title: "Index-1 saddle in 3D", scenario: "landscape=custom&f=x^2+y^2-z^2+z^4/4" },
];
