// Suggestions as you type, for search boxes with data-suggest-url: titles and glossary terms
// offered through a <datalist>. Only an enhancement: the form works the same without it.
(function () {
    "use strict";
    document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
        var list = document.createElement("datalist");
        var timer = null;
        list.id = input.id + "-suggesties";
        input.after(list);
        input.setAttribute("list", list.id);
        input.addEventListener("input", function () {
            clearTimeout(timer);
            var query = input.value.trim();
            if (query.length < 2) {
                list.replaceChildren();
                return;
            }
            timer = setTimeout(function () {
                fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
                    headers: { Accept: "application/json" },
                })
                    .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                    .then(function (data) {
                        list.replaceChildren.apply(list, data.suggestions.map(function (suggestion) {
                            var option = document.createElement("option");
                            option.value = suggestion.label;
                            return option;
                        }));
                    })
                    .catch(function () { list.replaceChildren(); });
            }, 200);
        });
    });
})();
