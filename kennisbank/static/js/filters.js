// The faceted search applies a ticked filter (or another sort) at once: it fetches the page of
// the new selection and puts its [data-refresh] parts (the filters, their count, the results)
// in place of the old ones, by id. The address follows (replaceState), the page does not jump,
// the focus stays on the control and the new number of results is announced. Without
// JavaScript the "Toepassen" buttons submit the form; with it they are not needed.
(function () {
    "use strict";
    var form = document.querySelector("form[data-filters]");
    var filters = form && form.querySelector(".search-filters");
    if (!filters) return;
    var status = document.getElementById("zoeken-status");
    var wide = window.matchMedia("(min-width: 48rem)");
    var request = null;

    form.classList.add("search-page--live");
    // Beside the results there is room: the filters start open there, folded on a phone.
    filters.open = wide.matches;

    function address() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (value !== "") params.append(name, value);
        });
        return form.action.split("?")[0] + "?" + params.toString();
    }

    function refresh(control) {
        var url = address();
        if (request) request.abort();
        request = new AbortController();
        fetch(url, { headers: { Accept: "text/html", "X-Filter-Refresh": "1" }, signal: request.signal })
            .then(function (response) {
                if (!response.ok) throw new Error(response.status);
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html");
                var before = control.getBoundingClientRect().top;
                form.querySelectorAll("[data-refresh]").forEach(function (old) {
                    var replacement = fresh.getElementById(old.id);
                    if (replacement) old.replaceWith(document.adoptNode(replacement));
                });
                history.replaceState(null, "", url);
                // The same control in the new filters (an unticked value may have gone).
                var again = document.getElementById(control.id) || filters.querySelector("summary");
                again.focus({ preventScroll: true });
                // Keep the control where it was on the screen, whatever changed above it.
                window.scrollBy(0, again.getBoundingClientRect().top - before);
                status.textContent = document.getElementById("resultaten-kop").textContent;
            })
            .catch(function (error) {
                if (error.name !== "AbortError") form.submit(); // the page then does it
            });
    }

    form.addEventListener("change", function (event) {
        if (event.target.closest("#zoekfilters")) refresh(event.target);
    });

    // An opened result counts for the Redactie's report of what the network searches.
    form.addEventListener("click", function (event) {
        var link = event.target.closest(".result__title a");
        var query = form.querySelector("input[name=q]");
        if (!link || !query || !query.value || !navigator.sendBeacon) return;
        var data = new FormData();
        data.append("q", query.value);
        navigator.sendBeacon(form.dataset.opened, data);
    });
})();
