// Suggestions as you type, for every search box with data-suggest-url: items and glossary
// entries (/api/zoeken/suggesties/), each a link that opens it. The ARIA combobox pattern with
// a listbox: focus stays in the box, the arrow keys move the active suggestion, Enter opens it,
// Escape closes the list. Only an enhancement: without JavaScript the box is a plain search box.
(function () {
    "use strict";

    function capitalised(text) {
        return text.charAt(0).toUpperCase() + text.slice(1);
    }

    function enhance(input) {
        var list = document.createElement("div");
        var timer = null;
        var request = null;
        var active = -1;
        list.id = input.id + "-suggesties";
        list.className = "suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggesties");
        list.hidden = true;
        input.after(list);
        input.parentElement.classList.add("has-suggestions");
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("aria-expanded", "false");

        function options() {
            return Array.from(list.children);
        }

        function activate(index) {
            options().forEach(function (option, i) {
                option.setAttribute("aria-selected", String(i === index));
            });
            active = index;
            if (index < 0) {
                input.removeAttribute("aria-activedescendant");
            } else {
                input.setAttribute("aria-activedescendant", options()[index].id);
                options()[index].scrollIntoView({ block: "nearest" });
            }
        }

        function show(suggestions) {
            list.replaceChildren.apply(list, suggestions.map(function (suggestion, i) {
                // A real link: a click (or a middle click) opens it like any other.
                var option = document.createElement("a");
                var type = document.createElement("span");
                option.href = suggestion.url;
                option.id = list.id + "-" + i;
                option.className = "suggestions__option";
                option.setAttribute("role", "option");
                option.tabIndex = -1;
                option.textContent = suggestion.label + " ";
                type.className = "suggestions__type";
                type.textContent = capitalised(suggestion.type);
                option.append(type);
                return option;
            }));
            list.hidden = suggestions.length === 0;
            input.setAttribute("aria-expanded", String(!list.hidden));
            activate(-1);
        }

        function close() {
            clearTimeout(timer);
            show([]);
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            var query = input.value.trim();
            if (query.length < 2) {
                close();
                return;
            }
            timer = setTimeout(function () {
                if (request) request.abort();
                request = new AbortController();
                fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
                    headers: { Accept: "application/json" },
                    signal: request.signal,
                })
                    .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                    .then(function (data) {
                        // Only for what is still in the box, and while the box has focus.
                        if (input.value.trim() === query && document.activeElement === input) {
                            show(data.suggestions);
                        }
                    })
                    .catch(function (error) {
                        if (error.name !== "AbortError") close();
                    });
            }, 150);
        });

        input.addEventListener("keydown", function (event) {
            var count = options().length;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                if (!count) return;
                event.preventDefault();
                // Down to the last suggestion; up past the first back to the box (-1).
                activate(event.key === "ArrowDown" ? Math.min(active + 1, count - 1) : Math.max(active - 1, -1));
            } else if (event.key === "Enter" && active >= 0) {
                event.preventDefault(); // open the suggestion, do not submit the search
                options()[active].click();
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault(); // only close the list; a second Escape empties the box
                close();
            }
        });

        input.addEventListener("blur", close);
        // A click on a suggestion must not take the focus first: the blur would close the list.
        list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    }

    document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
