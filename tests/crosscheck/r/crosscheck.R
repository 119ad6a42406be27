# Reference figures from R and its survey package for the cases shelfstat wrote to DIR.
# usage: Rscript crosscheck.R DIR   → writes DIR/r_results.csv (case, figure, value)
suppressPackageStartupMessages(library(survey))
options(digits = 17)
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
cases <- read.csv(file.path(dir, "cases.csv"), stringsAsFactors = FALSE)
out <- list()
put <- function(case, figure, value) {
  out[[length(out) + 1]] <<- data.frame(case = case, figure = figure, value = as.numeric(value))
}
# svyciprop(method = "logit") is expit(confint(svyglm(y ~ 1, quasibinomial), ddf = degf)).
# Its IRLS stops at glm's default deviance tolerance (1e-8), leaving ~1e-9 in the bounds; the
# same computation is run here with the fit converged fully, and svyciprop's own answer is
# recorded as a check that it is the same method (it must agree to 1e-7).
logit_ci <- function(id, des) {
  m <- svyglm(y ~ 1, des, family = quasibinomial,
              control = glm.control(epsilon = 1e-15, maxit = 200))
  ci <- as.numeric(plogis(confint(m, 1, method = "Wald", ddf = degf(des))))
  ref <- attr(svyciprop(~y, des, method = "logit"), "ci")
  stopifnot(max(abs(ci - ref)) < 1e-7)
  put(id, "logit_low", ci[1]); put(id, "logit_high", ci[2])
}
for (k in seq_len(nrow(cases))) {
  id <- cases$case[k]
  kind <- cases$kind[k]
  d <- read.csv(file.path(dir, paste0(id, ".csv")), stringsAsFactors = FALSE)
  if (kind == "prop_unweighted") {
    x <- sum(d$y); n <- nrow(d)
    put(id, "p", x / n)
    w <- prop.test(x, n, correct = FALSE)$conf.int          # Wilson score
    put(id, "wilson_low", w[1]); put(id, "wilson_high", w[2])
    b <- binom.test(x, n)$conf.int                            # Clopper–Pearson
    put(id, "cp_low", b[1]); put(id, "cp_high", b[2])
    if (x > 0 && x < n) {
      logit_ci(id, svydesign(ids = ~1, data = d))
    }
  } else if (kind == "prop_weighted") {
    des <- svydesign(ids = ~1, weights = ~w, data = d)
    p <- coef(svymean(~y, des))[1]
    put(id, "p", p)
    n_eff <- sum(d$w)^2 / sum(d$w^2)                         # Kish
    put(id, "n_eff", n_eff)
    z <- qnorm(0.975)
    centre <- (p + z^2 / (2 * n_eff)) / (1 + z^2 / n_eff)
    half <- z / (1 + z^2 / n_eff) * sqrt(p * (1 - p) / n_eff + z^2 / (4 * n_eff^2))
    put(id, "wilson_low", centre - half); put(id, "wilson_high", centre + half)
    ci <- attr(svyciprop(~y, des, method = "beta"), "ci")
    put(id, "cp_low", ci[1]); put(id, "cp_high", ci[2])
    logit_ci(id, des)
  } else if (kind == "change_weighted") {
    # Two waves stacked as strata: svyby gives each wave's weighted share, svycontrast their
    # difference with the design-based SE (each wave's linearised variance).
    des <- svydesign(ids = ~1, strata = ~wave, weights = ~w, data = d)
    est <- svyby(~y, ~wave, des, svymean)
    con <- svycontrast(est, c(-1, 1))
    put(id, "diff", coef(con)); put(id, "se", SE(con))
    put(id, "p_change", 2 * pnorm(-abs(coef(con) / SE(con))))
  } else if (kind == "mean") {
    # A grid's mean score: svymean's linearised SE and a t interval on the design's df (n - 1).
    des <- svydesign(ids = ~1, weights = ~w, data = d)
    m <- svymean(~y, des)
    put(id, "mean", coef(m)); put(id, "se", SE(m))
    ci <- confint(m, df = degf(des))
    put(id, "t_low", ci[1]); put(id, "t_high", ci[2])
  } else if (kind == "rake" || kind == "poststratify") {
    m <- read.csv(file.path(dir, paste0(id, "_margins.csv")), stringsAsFactors = FALSE)
    des <- svydesign(ids = ~1, weights = ~w, data = d)
    vars <- unique(m$variable)
    pops <- lapply(vars, function(v) {
      s <- m[m$variable == v, ]
      f <- data.frame(s$category, s$target); names(f) <- c(v, "Freq"); f
    })
    if (kind == "rake") {
      r <- rake(des, lapply(vars, function(v) as.formula(paste0("~", v))), pops,
                control = list(maxit = 10000, epsilon = 1e-11, verbose = FALSE))
    } else {
      r <- postStratify(des, as.formula(paste0("~", vars[1])), pops[[1]])
    }
    wts <- weights(r)
    for (i in seq_along(wts)) put(id, sprintf("w%03d", i), wts[i])
  } else if (kind == "table_unweighted") {
    t <- chisq.test(table(d$r, d$c), correct = FALSE)
    put(id, "chisq", t$statistic); put(id, "df", t$parameter); put(id, "p", t$p.value)
  } else if (kind == "table_weighted") {
    des <- svydesign(ids = ~1, weights = ~w, data = d)
    f <- svychisq(~r + c, des, statistic = "F")
    put(id, "f", f$statistic); put(id, "ndf", f$parameter[1]); put(id, "ddf", f$parameter[2])
    put(id, "p", f$p.value)
    ch <- svychisq(~r + c, des, statistic = "Chisq")
    put(id, "chisq", ch$statistic); put(id, "p_first_order", ch$p.value)
  }
}
res <- do.call(rbind, out)
write.csv(res, file.path(dir, "r_results.csv"), row.names = FALSE)
cat(nrow(res), "reference figures for", nrow(cases), "cases\n")
