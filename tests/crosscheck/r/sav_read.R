# R's haven reads shelfstat's tidy/responses.sav (issue 29): every cell must equal what
# tests/crosscheck/sav_read.py derived from the tidy CSV and the codebook (expected.csv), and
# every variable must carry a label.
#   Rscript sav_read.R responses.sav expected.csv
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
sav <- read_sav(args[1], user_na = TRUE)
expected <- read.csv(args[2], colClasses = "character", na.strings = character(0),
                     check.names = FALSE, encoding = "UTF-8")
diffs <- character(0)
if (!identical(names(sav), names(expected))) {
  diffs <- c(diffs, sprintf("columns: %s vs %s", paste(names(sav), collapse = " "),
                            paste(names(expected), collapse = " ")))
}
checked <- 0
for (name in intersect(names(sav), names(expected))) {
  got <- sav[[name]]
  want <- expected[[name]]
  label <- attr(got, "label")
  if (is.null(label) || label == "") diffs <- c(diffs, sprintf("%s: no variable label", name))
  raw <- as.vector(unclass(got))
  for (i in seq_along(want)) {
    w <- want[i]
    g <- raw[i]
    blank <- is.na(g) || (is.character(g) && g == "")
    if (w == "") {
      if (!blank) diffs <- c(diffs, sprintf("%s row %d: expected blank, haven %s", name, i, g))
      next
    }
    checked <- checked + 1
    same <- if (is.numeric(g)) !is.na(g) && abs(g - as.numeric(w)) <= 1e-9 * max(1, abs(as.numeric(w)))
            else identical(g, w)
    if (!same) diffs <- c(diffs, sprintf("%s row %d: expected %s, haven %s", name, i, w, g))
  }
}
cat(sprintf("haven: %d columns, %d cells checked; %d differ\n", ncol(sav), checked, length(diffs)))
if (length(diffs) > 0) {
  cat(paste0("  ", head(diffs, 40), collapse = "\n"), "\n")
  quit(status = 1)
}
