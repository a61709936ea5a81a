#!/usr/bin/python3
"""Speed of libcxmetrics' probabilistic CLV models (BG/NBD, Pareto/NBD, Gamma-Gamma fits;
E[X(39)], P(alive), 12-month CLV scoring) against lifetimes' recorded timings (anchors §1)
and a live numpy/scipy peer timed in the same run on the same data.

    PYTHONPATH=build-bench-clv/bindings/python /usr/bin/python3 bench/bench_clv.py

Inputs: bgnbd_gg_synth_{100000,1000000}.csv.gz in ../shared/data/clv-synthetic (the shared
folder beside the repo, found from this file's location; $CXM_CLV_DATA names another directory)
(columns id,frequency,recency,T,monetary_value; weeks; BG/NBD + Gamma-Gamma with lifetimes'
CDNOW parameters), read with pandas before any timing. The library is called through the SWIG
binding (cxmetrics.clvmodel: BetaGeo, ParetoNBD, GammaGamma, clv).

Peers:
- anchor: lifetimes 0.11.3 timings recorded in anchors/README.md §1 on the same kind of
  machine (a different run: lifetimes cannot be installed here, Debian packages only).
- live: what a user can write with numpy + scipy, timed here: the same log-likelihoods as
  lifetimes, vectorised, minimised by scipy.optimize.minimize(L-BFGS-B) over log-parameters,
  once with finite-difference gradients (the usual form) and once with an analytic
  gradient (BG/NBD, Gamma-Gamma); lifetimes' prediction formulas vectorised (scipy hyp2f1).
  The faster variant is the live peer.

Timing: time.perf_counter, median of --fit-reps (fits) or --score-reps (scoring) runs;
library fits with threads=1 and threads=2 (fit option), scoring with CXM_THREADS=1 and 2
(the prediction calls take the library default). Before each timed fit the bench waits up
to --quiet-wait s for the machine to be quiet; runs during which other processes used more
than --max-foreign CPUs are left out of the median when at least one quiet run exists. The
scoring calls (milliseconds) run back to back after one quiet check and one untimed warm-up,
ours and the peer's alike (see timed()).

Checks, same run: the fits recover the generating parameters (estimate, truth, standard
error, z); 1- and 2-thread fits agree; the numpy log-likelihood at our estimate equals our
log-likelihood; our optimum is at least as good as the peer's; our predictions equal the numpy
formulas. Nothing here is a test: no exit status on speed.
"""
import argparse
import os
import resource
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd
from scipy import optimize, special

from benchutil import Foreign, hwm_mb, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The shared folder sits beside the repo; CXM_CLV_DATA points elsewhere (another checkout).
DATA = os.environ.get("CXM_CLV_DATA") or os.path.join(ROOT, "..", "shared", "data", "clv-synthetic")

# anchors/README.md §1: lifetimes 0.11.3, seconds, same kind of machine (recorded, not live).
ANCHOR_S = {"BG/NBD fit": 11.8, "Pareto/NBD fit": 185.0, "Gamma-Gamma fit": 1.30,
            "E[X(39)]": 0.39, "P(alive)": 0.018, "CLV 12 months": 7.8}
ANCHOR_N = 1_000_000  # the anchors are for 1M customers (Gamma-Gamma: its 402,684 repeat buyers)
GOAL = {"BG/NBD fit": 20, "Pareto/NBD fit": 50, "Gamma-Gamma fit": 20, "E[X(39)]": 20,
        "P(alive)": 20, "CLV 12 months": 20}
# The generating parameters (data README: lifetimes' CDNOW fits).
TRUTH_BG = {"r": 0.24259292827982198, "alpha": 4.413532265271817, "a": 0.7928859664406002,
            "b": 2.4257523826255123}
TRUTH_GG = {"p": 6.248802496077898, "q": 3.744588460922642, "v": 15.447748064920148}


# ---- memory (the interference meter and peak RSS are in benchutil.py) ----------------------

def rss_now_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024.0


class Timing:
    def __init__(self, times, foreign, limit):
        self.times, self.foreign = times, foreign
        quiet = [t for t, f in zip(times, foreign) if f <= limit]
        self.used = quiet if quiet else times
        self.all_noisy = not quiet
        self.median = statistics.median(self.used)

    def __str__(self):
        return "median %.4g s of %d/%d runs [%s] (foreign CPUs %s)%s" % (
            self.median, len(self.used), len(self.times), ", ".join("%.4g" % t for t in self.times),
            ", ".join("%.2f" % f for f in self.foreign), "  NOISY" if self.all_noisy else "")


def timed(fn, reps, args, env=None, batch=False):
    """Run fn reps times; returns (Timing, last result, peak RSS MB during the runs).

    Each run normally follows a quiet check (wait_quiet sleeps 0.3 s and measures the other
    processes). After such an idle spell this VM runs slower for a few milliseconds: the
    core is clocked down, caches and TLB are cold (one numpy pass over 32 MB takes 2.3 ms
    instead of 1.1 ms), and a new thread lands on the busy core for 1-3 ms because the
    idle vCPU counts as preempted. A run of a few milliseconds would measure that rather
    than the work. batch: one quiet check and one untimed warm-up run, then the reps
    back to back, as timeit runs them, under one foreign-CPU meter; the short scoring runs
    are timed so, ours and the peer's alike."""
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        times, foreign, out = [], [], None
        hwm_mb(reset=True)
        if batch:
            # one meter over the whole batch: /proc/stat counts in clock ticks (4-10 ms),
            # too coarse for a run of a few milliseconds
            wait_quiet(args.max_foreign, args.quiet_wait)
            fn()
            with Foreign() as f:
                for _ in range(reps):
                    t0 = time.perf_counter()
                    out = fn()
                    times.append(time.perf_counter() - t0)
            foreign = [f.cpus] * reps
        for _ in range(0 if batch else reps):
            wait_quiet(args.max_foreign, args.quiet_wait)
            with Foreign() as f:
                t0 = time.perf_counter()
                out = fn()
                dt = time.perf_counter() - t0
            times.append(dt)
            foreign.append(f.cpus)
        rss = hwm_mb()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return Timing(times, foreign, args.max_foreign), out, rss


# ---- the live numpy/scipy peer: lifetimes' formulas, vectorised ------------------------------

gammaln, digamma, hyp2f1 = special.gammaln, special.digamma, special.hyp2f1


def bg_nll(logp, x, tx, T, grad=False):
    """Mean negative BG/NBD log-likelihood (lifetimes' BetaGeoFitter form) and, with grad,
    its gradient with respect to the log-parameters."""
    r, alpha, a, b = np.exp(logp)
    xpos = x > 0
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    la_T, la_tx = np.log(alpha + T), np.log(alpha + tx)
    bx1 = b + np.maximum(x, 1) - 1
    A3 = -(r + x) * la_T
    A4 = np.log(a) - np.log(bx1) - (r + x) * la_tx
    m = np.maximum(A3, np.where(xpos, A4, -np.inf))
    e3, e4 = np.exp(A3 - m), np.where(xpos, np.exp(A4 - m), 0.0)
    s = e3 + e4
    ll = A1 + A2 + m + np.log(s)
    n = x.size
    if not grad:
        return -ll.sum() / n
    w3, w4 = e3 / s, e4 / s
    dr = digamma(r + x) - digamma(r) + np.log(alpha) - w3 * la_T - w4 * la_tx
    dal = r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + tx))
    dpab, dpabx = digamma(a + b), digamma(a + b + x)
    da = dpab - dpabx + w4 / a
    db = dpab + digamma(b + x) - digamma(b) - dpabx - w4 / bx1
    g = np.array([dr.sum() * r, dal.sum() * alpha, da.sum() * a, db.sum() * b])
    return -ll.sum() / n, -g / n


def gg_nll(logp, x, mv, grad=False):
    """Mean negative Gamma-Gamma log-likelihood (lifetimes' GammaGammaFitter) over repeat
    buyers and, with grad, its gradient with respect to the log-parameters."""
    p, q, v = np.exp(logp)
    px = p * x
    lxmv = np.log(x * mv + v)
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(mv)
          + px * np.log(x) - (px + q) * lxmv)
    n = x.size
    if not grad:
        return -ll.sum() / n
    dpq = digamma(px + q)
    dp = x * (dpq - digamma(px) + np.log(mv) + np.log(x) - lxmv)
    dq = dpq - digamma(q) + np.log(v) - lxmv
    dv = q / v - (px + q) / (x * mv + v)
    g = np.array([dp.sum() * p, dq.sum() * q, dv.sum() * v])
    return -ll.sum() / n, -g / n


def pnbd_ll_rows(params, x, tx, T):
    """Pareto/NBD log-likelihood per customer (lifetimes' ParetoNBDFitter, scipy hyp2f1)."""
    r, alpha, s, beta = params
    if alpha < beta:
        lo, hi, t = alpha, beta, r + x
    else:
        lo, hi, t = beta, alpha, s + 1.0
    d = hi - lo
    rsx = r + s + x
    p1 = hyp2f1(rsx, t, rsx + 1.0, d / (hi + tx))
    q1 = hi + tx
    p2 = hyp2f1(rsx, t, rsx + 1.0, d / (hi + T))
    q2 = hi + T
    one = np.ones(x.size)
    log_A0 = special.logsumexp([np.log(p1) + rsx * np.log(q2), np.log(p2) + rsx * np.log(q1)],
                               axis=0, b=[one, -one]) - rsx * np.log(q1 * q2)
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    A2 = np.logaddexp(-(r + x) * np.log(alpha + T) - s * np.log(beta + T),
                      np.log(s) + log_A0 - np.log(rsx))
    return A1 + A2


def pnbd_nll(logp, x, tx, T):
    with np.errstate(all="ignore"):
        v = -pnbd_ll_rows(np.exp(logp), x, tx, T).sum() / x.size
    return v if np.isfinite(v) else 1e300


def peer_fit(fun, x0, args, grad):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if grad:
            res = optimize.minimize(fun, x0, args=args + (True,), jac=True, method="L-BFGS-B")
        else:
            res = optimize.minimize(fun, x0, args=args, method="L-BFGS-B")
    return res


def bg_expected_np(params, t, x, tx, T):
    """lifetimes' BetaGeoFitter.conditional_expected_number_of_purchases_up_to_time."""
    r, alpha, a, b = params
    _a, _b, _c, _z = r + x, b + x, a + b + x - 1, t / (alpha + T + t)
    with np.errstate(all="ignore"):
        ln_h = np.log(hyp2f1(_a, _b, _c, _z))
        bad = np.isinf(ln_h)
        if bad.any():  # lifetimes' fallback (Euler's transformation), only where needed
            ln_h[bad] = (np.log(hyp2f1(_c - _a, _c - _b, _c, _z))[bad]
                         + ((_c - _a - _b) * np.log(1 - _z))[bad])
    first = (a + b + x - 1) / (a - 1)
    second = 1 - np.exp(ln_h + (r + x) * np.log((alpha + T) / (alpha + t + T)))
    den = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return first * second / den


def bg_p_alive_np(params, x, tx, T):
    """lifetimes' BetaGeoFitter.conditional_probability_alive."""
    r, alpha, a, b = params
    log_div = (r + x) * np.log((alpha + T) / (alpha + tx)) + np.log(a / (b + np.maximum(x, 1) - 1))
    return np.where(x == 0, 1.0, special.expit(-log_div))


def gg_profit_np(params, x, mv):
    """lifetimes' GammaGammaFitter.conditional_expected_average_profit."""
    p, q, v = params
    w = p * x / (p * x + q - 1)
    return (1 - w) * (v * p / (q - 1)) + w * mv


def clv_np(bg, gg, x, tx, T, mv, months=12, discount=0.01, ppm=4.345):
    """lifetimes' _customer_lifetime_value (freq "W"), with E[X] computed once per month end
    (lifetimes computes it twice: at i and at i - 1)."""
    profit = gg_profit_np(gg, x, mv)
    out = np.zeros(x.size)
    prev = np.zeros(x.size)
    for i in range(1, months + 1):
        cur = bg_expected_np(bg, i * ppm, x, tx, T)
        out += profit * (cur - prev) / (1 + discount) ** i
        prev = cur
    return out


# ---- the run --------------------------------------------------------------------------------

def load(n):
    path = os.path.join(DATA, "bgnbd_gg_synth_%d.csv.gz" % n)
    if not os.path.isfile(path):
        sys.exit("%s: no such file (the shared folder beside the repo, or CXM_CLV_DATA=DIR)"
                 % os.path.normpath(path))
    df = pd.read_csv(path)
    cols = [np.ascontiguousarray(df[c].to_numpy(np.float64))
            for c in ("frequency", "recency", "T", "monetary_value")]
    must(cols[0].size == n, "%s has %d rows" % (path, cols[0].size))
    return cols


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def show_params(label, est, se, truth=None):
    print("  %s" % label)
    for k, v in est.items():
        if truth:
            z = (v - truth[k]) / se[k]
            print("    %-6s %12.6g  se %10.3g   truth %12.6g   z %+5.2f" % (k, v, se[k], truth[k], z))
        else:
            print("    %-6s %12.6g  se %10.3g" % (k, v, se[k]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000", help="which synthetic files")
    ap.add_argument("--fit-reps", type=int, default=3)
    ap.add_argument("--score-reps", type=int, default=7)
    ap.add_argument("--peer-reps", type=int, default=3, help="repetitions of the numpy/scipy fits")
    ap.add_argument("--pnbd-peer-reps", type=int, default=1,
                    help="repetitions of the scipy Pareto/NBD fit (slow; 0 = skip)")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--skip-pnbd", action="store_true")
    ap.add_argument("--max-foreign", type=float, default=0.25)
    ap.add_argument("--quiet-wait", type=float, default=10.0)
    args = ap.parse_args()

    import cxmetrics
    import cxmetrics.clvmodel as clvmodel
    threads = [int(t) for t in args.threads.split(",")]
    try:
        import subprocess
        head = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--short", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.split()
        print("source: %s (modified: %s)" % (head, " ".join(dirty[1::2]) or "none"))
    except OSError:
        pass
    print("started %s" % time.strftime("%Y-%m-%d %H:%M:%S"))
    print("cxmetrics from %s; numpy %s, scipy %s, pandas %s; %d CPUs; python %s"
          % (os.path.dirname(cxmetrics.__file__), np.__version__, __import__("scipy").__version__,
             pd.__version__, os.cpu_count(), sys.version.split()[0]))
    rows = []  # (n, workload, peer_s, peer_label, {threads: Timing}, rss_ours, rss_peer)

    for n in [int(s) for s in args.sizes.split(",")]:
        x, tx, T, mv = load(n)
        rep = x > 0
        xg, mg = np.ascontiguousarray(x[rep]), np.ascontiguousarray(mv[rep])
        load_peak = hwm_mb(reset=True)
        print("\n==== %d customers (%d repeat buyers); RSS %.0f MB with the data loaded (peak %.0f MB "
              "while pandas read the CSV) ====" % (n, xg.size, rss_now_mb(), load_peak))

        # -- BG/NBD fit --
        ours, fits = {}, {}
        for th in threads:
            tm, m, rss = timed(lambda: clvmodel.BetaGeo().fit(x, tx, T, threads=th), args.fit_reps, args)
            ours[th], fits[th] = tm, m
            print("ours BG/NBD fit, %d thread(s): %s; peak RSS %.0f MB" % (th, tm, rss))
        bg = fits[threads[0]]
        for th in threads[1:]:
            must(fits[th].params == bg.params, "BG/NBD params differ between thread counts")
        show_params("BG/NBD: loglik %.10g, %d iterations, gradient %.2g, %s"
                    % (bg.loglik, bg.iterations, bg.gradient_norm,
                       "converged" if bg.converged else "NOT CONVERGED"), bg.params, bg.se, TRUTH_BG)
        for k in TRUTH_BG:
            must(abs(bg.params[k] - TRUTH_BG[k]) < 4 * bg.se[k], "BG/NBD %s not recovered" % k)
        bgp = np.array([bg.params[k] for k in ("r", "alpha", "a", "b")])
        ll_np = -bg_nll(np.log(bgp), x, tx, T) * n
        must(rel(ll_np, bg.loglik) < 1e-10, ("BG/NBD loglik", ll_np, bg.loglik))
        peer = {}
        for grad in (False, True):
            tm, res, prss = timed(lambda: peer_fit(bg_nll, np.zeros(4), (x, tx, T), grad), args.peer_reps, args)
            lab = "L-BFGS-B " + ("analytic gradient" if grad else "finite differences")
            peer[lab] = (tm, res, prss)
            print("peer BG/NBD numpy/scipy %s: %s; %d evaluations; LL %.10g; params %s; peak RSS %.0f MB"
                  % (lab, tm, res.nfev, -res.fun * n, np.round(np.exp(res.x), 6).tolist(), prss))
            must(-res.fun * n <= bg.loglik + 1e-9 * abs(bg.loglik), "peer found a better BG/NBD optimum")
        plab = min(peer, key=lambda k: peer[k][0].median)
        rows.append((n, "BG/NBD fit", peer[plab][0].median, plab, ours, rss, peer[plab][2]))

        # -- Gamma-Gamma fit --
        ours, fits = {}, {}
        for th in threads:
            tm, m, rss = timed(lambda: clvmodel.GammaGamma().fit(x, mv, threads=th), args.fit_reps, args)
            ours[th], fits[th] = tm, m
            print("ours Gamma-Gamma fit, %d thread(s): %s; peak RSS %.0f MB" % (th, tm, rss))
        gg = fits[threads[0]]
        for th in threads[1:]:
            must(fits[th].params == gg.params, "Gamma-Gamma params differ between thread counts")
        show_params("Gamma-Gamma on %d repeat buyers: loglik %.10g, %d iterations, %s"
                    % (gg.n_customers, gg.loglik, gg.iterations,
                       "converged" if gg.converged else "NOT CONVERGED"), gg.params, gg.se, TRUTH_GG)
        for k in TRUTH_GG:
            must(abs(gg.params[k] - TRUTH_GG[k]) < 4 * gg.se[k], "Gamma-Gamma %s not recovered" % k)
        ggp = np.array([gg.params[k] for k in ("p", "q", "v")])
        ll_np = -gg_nll(np.log(ggp), xg, mg) * xg.size
        must(rel(ll_np, gg.loglik) < 1e-10, ("Gamma-Gamma loglik", ll_np, gg.loglik))
        peer = {}
        for grad in (False, True):
            # the peer gets the repeat buyers already selected (lifetimes' users do that too)
            tm, res, prss = timed(lambda: peer_fit(gg_nll, np.zeros(3), (xg, mg), grad), args.peer_reps, args)
            lab = "L-BFGS-B " + ("analytic gradient" if grad else "finite differences")
            peer[lab] = (tm, res, prss)
            print("peer Gamma-Gamma numpy/scipy %s: %s; %d evaluations; LL %.10g; params %s; peak RSS %.0f MB"
                  % (lab, tm, res.nfev, -res.fun * xg.size, np.round(np.exp(res.x), 6).tolist(), prss))
            must(-res.fun * xg.size <= gg.loglik + 1e-9 * abs(gg.loglik), "peer found a better GG optimum")
        plab = min(peer, key=lambda k: peer[k][0].median)
        rows.append((n, "Gamma-Gamma fit", peer[plab][0].median, plab, ours, rss, peer[plab][2]))

        # -- Pareto/NBD fit --
        if not args.skip_pnbd:
            ours, fits = {}, {}
            for th in threads:
                tm, m, rss = timed(lambda: clvmodel.ParetoNBD().fit(x, tx, T, threads=th), args.fit_reps, args)
                ours[th], fits[th] = tm, m
                print("ours Pareto/NBD fit, %d thread(s): %s; peak RSS %.0f MB" % (th, tm, rss), flush=True)
            pn = fits[threads[0]]
            for th in threads[1:]:
                must(fits[th].params == pn.params, "Pareto/NBD params differ between thread counts")
            show_params("Pareto/NBD (no truth: the data are BG/NBD): loglik %.10g (BG/NBD %.10g), "
                        "%d iterations, gradient %.2g, %s"
                        % (pn.loglik, bg.loglik, pn.iterations, pn.gradient_norm,
                           "converged" if pn.converged else "NOT CONVERGED"), pn.params, pn.se)
            pnp = np.array([pn.params[k] for k in ("r", "alpha", "s", "beta")])
            ll_np = -pnbd_nll(np.log(pnp), x, tx, T) * n
            print("  scipy (lifetimes' formula) LL at our estimate %.10g, relative difference %.1e"
                  % (ll_np, rel(ll_np, pn.loglik)))
            must(rel(ll_np, pn.loglik) < 1e-7, ("Pareto/NBD loglik", ll_np, pn.loglik))
            peer_s, plab, prss = float("nan"), "", float("nan")
            if args.pnbd_peer_reps > 0:
                # started from lifetimes' start (all parameters 1)
                tm, res, prss = timed(lambda: peer_fit(pnbd_nll, np.zeros(4), (x, tx, T), False),
                                      args.pnbd_peer_reps, args)
                plab = "L-BFGS-B finite differences"
                print("peer Pareto/NBD numpy/scipy %s: %s; %d evaluations; LL %.10g; params %s; "
                      "peak RSS %.0f MB" % (plab, tm, res.nfev, -res.fun * n,
                                            np.round(np.exp(res.x), 6).tolist(), prss), flush=True)
                must(-res.fun * n <= pn.loglik + 1e-9 * abs(pn.loglik), "peer found a better PNBD optimum")
                peer_s = tm.median
            rows.append((n, "Pareto/NBD fit", peer_s, plab, ours, rss, prss))

        # -- scoring: BG/NBD E[X(39)], P(alive); 12-month CLV with the Gamma-Gamma profit --
        work = [
            ("E[X(39)]", lambda: bg.expected_purchases(39.0, x, tx, T),
             lambda: bg_expected_np(bgp, 39.0, x, tx, T), 1e-9),
            ("P(alive)", lambda: bg.p_alive(x, tx, T), lambda: bg_p_alive_np(bgp, x, tx, T), 1e-12),
            ("CLV 12 months", lambda: clvmodel.clv(bg, gg, x, tx, T, mv, months=12, discount=0.01,
                                                   periods_per_month=4.345),
             lambda: clv_np(bgp, ggp, x, tx, T, mv), 1e-9),
        ]
        for name, ours_fn, np_fn, tol in work:
            ours = {}
            for th in threads:
                tm, out, rss = timed(ours_fn, args.score_reps, args, env={"CXM_THREADS": str(th)},
                                     batch=True)
                ours[th] = tm
                print("ours %s, CXM_THREADS=%d: %s; peak RSS %.0f MB" % (name, th, tm, rss))
            tm, ref, prss = timed(np_fn, args.score_reps, args, batch=True)
            print("peer %s numpy/scipy (lifetimes' formula): %s; peak RSS %.0f MB" % (name, tm, prss))
            d = np.abs(out - ref) / np.maximum(np.abs(ref), 1e-300)
            print("  max relative difference ours vs numpy %.2e (row %d: %r vs %r)"
                  % (d.max(), int(d.argmax()), out[d.argmax()], ref[d.argmax()]))
            must(np.all(np.isfinite(out)) and d.max() < tol, "%s differs from numpy" % name)
            rows.append((n, name, tm.median, "numpy/scipy", ours, rss, prss))

    # ---- the table ----------------------------------------------------------------------------
    print("\nanchor = lifetimes 0.11.3 recorded in anchors/README.md §1 (same machine kind, another run;"
          " 1M customers only); peer = numpy/scipy live, this run")
    hdr = ("n", "workload", "anchor s", "peer s", "ours 1T s", "ours 2T s", "anchor/ours 1T|2T",
           "peer/ours 1T|2T", "goal", "RSS ours|peer MB")
    print("%-8s %-16s %9s %9s %10s %10s %18s %16s %9s %17s" % hdr)

    def ratio(a, b):
        return "%7.1fx" % (a / b) if np.isfinite(a) and np.isfinite(b) else "%8s" % "-"

    for n, w, peer_s, plab, ours, rss, prss in rows:
        t1 = ours[1].median if 1 in ours else float("nan")
        t2 = ours[2].median if 2 in ours else float("nan")
        anc = ANCHOR_S[w] if n == ANCHOR_N else float("nan")
        best = np.nanmin([t1, t2])
        goal = "" if n != ANCHOR_N else ("%dx %s" % (GOAL[w], "met" if anc / best >= GOAL[w] else "MISS"))
        print("%-8d %-16s %9s %9.4g %10.4g %10.4g %9s|%-8s %7s|%-8s %9s %7.0f|%-7.0f"
              % (n, w, "%.4g" % anc if np.isfinite(anc) else "-", peer_s, t1, t2,
                 ratio(anc, t1), ratio(anc, t2), ratio(peer_s, t1), ratio(peer_s, t2), goal, rss, prss))
    print("peak RSS of the whole run (getrusage ru_maxrss): %.0f MB"
          % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0))


if __name__ == "__main__":
    main()
