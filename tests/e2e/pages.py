"""Page objects for the browser tests: what a user can see and do on each page.

Locators use ids, classes and roles rather than visible text, because the text changes with the
interface language the tests switch between.
"""

from playwright.sync_api import Locator, Page


class _Layout:
    """Parts every page has, signed in or not."""

    path = "/"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.html = page.locator("html")
        self.heading = page.get_by_role("heading", level=1)
        self.alert = page.get_by_role("alert")

    def open(self, path: str | None = None):
        self.page.goto(path or self.path)
        return self

    def reload(self):
        self.page.reload()
        return self

    def _switch_language(self, form: Locator, language: str) -> None:
        form.locator("select[name=language]").select_option(language)
        with self.page.expect_navigation():
            form.locator("button[type=submit]").click()


class LoginPage(_Layout):
    path = "/login/"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.username = page.locator("#id_username")
        self.password = page.locator("#id_password")
        self.submit = page.locator("main form[action='/login/'] button[type=submit]")
        self.language_form = page.locator("main form.language-switcher")

    def sign_in(self, username: str, password: str) -> "ShellPage":
        """Submit the form; the caller checks where it landed (home, or here with an error)."""
        self.username.fill(username)
        self.password.fill(password)
        with self.page.expect_navigation():
            self.submit.click()
        return ShellPage(self.page)

    def switch_language(self, language: str) -> "LoginPage":
        self._switch_language(self.language_form, language)
        return self


class ShellPage(_Layout):
    """The signed-in layout: navigation, global search and the user menu, around any page."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.navigation = page.locator("header.topbar nav")
        self.search_box = page.locator("#global-search")
        self.suggestions = page.locator("#search-suggestions")
        self.user_menu = page.locator("details.user-menu")
        self.user_menu_toggle = self.user_menu.locator("summary")
        self.menu = self.user_menu.locator(".menu")

    def nav_link(self, label: str) -> Locator:
        return self.navigation.get_by_role("link", name=label, exact=True)

    def type_search(self, text: str) -> Locator:
        """Type into the global search like a person would, without pressing enter."""
        self.search_box.click()
        self.search_box.press_sequentially(text, delay=20)
        return self.suggestions

    def suggestion(self, label: str) -> Locator:
        return self.suggestions.get_by_role("link", name=label, exact=True)

    def open_user_menu(self) -> Locator:
        if self.user_menu.get_attribute("open") is None:
            self.user_menu_toggle.click()
        return self.menu

    def menu_item(self, label: str) -> Locator:
        """A link or button in the user menu (open it first)."""
        return self.menu.get_by_role("link", name=label, exact=True).or_(
            self.menu.get_by_role("button", name=label, exact=True)
        )

    def switch_language(self, language: str) -> "ShellPage":
        self.open_user_menu()
        self._switch_language(self.menu.locator("form.language-switcher"), language)
        return self

    def sign_out(self) -> LoginPage:
        self.open_user_menu()
        with self.page.expect_navigation():
            self.menu.locator("form[action='/logout/'] button[type=submit]").click()
        return LoginPage(self.page)

    def text_width(self, text: str) -> float:
        """Rendered width in CSS pixels of ``text`` set in the page's own font."""
        return self.page.evaluate(
            """(text) => {
                const probe = document.createElement("span");
                probe.textContent = text;
                document.body.appendChild(probe);
                const width = probe.getBoundingClientRect().width;
                probe.remove();
                return width;
            }""",
            text,
        )

    def glyphs_differ(self, first: str, second: str) -> dict:
        """Draw two characters in the page's font; a missing font draws the same empty box
        for both, a real font draws two different inked glyphs."""
        return self.page.evaluate(
            """([first, second]) => {
                const font = getComputedStyle(document.body).fontFamily;
                const draw = (text) => {
                    const canvas = document.createElement("canvas");
                    canvas.width = 120; canvas.height = 80;
                    const ctx = canvas.getContext("2d");
                    ctx.font = "48px " + font;
                    ctx.fillText(text, 10, 60);
                    return ctx.getImageData(0, 0, 120, 80).data;
                };
                const a = draw(first), b = draw(second);
                let inkFirst = 0, inkSecond = 0, differing = 0;
                for (let i = 3; i < a.length; i += 4) {
                    inkFirst += a[i] > 0; inkSecond += b[i] > 0; differing += a[i] !== b[i];
                }
                return {inkFirst, inkSecond, differing};
            }""",
            [first, second],
        )


class _SameDocument:
    """Marks the loaded document, to tell an HTMX swap from a full page load afterwards."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def mark(self) -> None:
        self.page.evaluate("window.__amityDocument = 'marked'")

    def still_marked(self) -> bool:
        return self.page.evaluate("window.__amityDocument === 'marked'")


class ContactListPage(ShellPage):
    """The contact list: its own search box (a search landmark inside the page, not the
    global one) filters the results as you type, swapped in by HTMX."""

    path = "/contacts/"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.filters = page.get_by_role("main").get_by_role("search")
        self.list_search_box = self.filters.get_by_role("searchbox")
        self.results = page.locator("#contact-results")
        self.result_status = self.results.get_by_role("status")
        self.names = self.results.get_by_role("rowheader").get_by_role("link")
        self.document = _SameDocument(page)

    def type_in_list_search(self, text: str) -> Locator:
        """Empty the list's search box, then type like a person, without pressing enter."""
        self.list_search_box.click()
        self.list_search_box.fill("")
        self.list_search_box.press_sequentially(text, delay=20)
        return self.names

    def contact_link(self, name: str) -> Locator:
        return self.results.get_by_role("link", name=name, exact=True)


class ContactPage(ShellPage):
    """A contact's record page; its timeline panel and log form are loaded by HTMX."""

    def __init__(self, page: Page, contact_id: int) -> None:
        super().__init__(page)
        self.path = f"/contacts/{contact_id}/"
        self.now_there = page.locator("dd.now-there time")
        self.timeline = page.locator("#timeline")
        self.timeline_heading = self.timeline.get_by_role("heading", level=2)
        self.timeline_list = self.timeline.locator("ol.timeline")
        self.entries = self.timeline.get_by_role("article")
        self.entry_titles = self.entries.get_by_role("heading", level=3)
        # The record's own events ("created", "changed") sit beside the interactions.
        self.interaction_titles = self.timeline.locator(
            "li.timeline-entry:not(.channel-event) article h3"
        )
        self.load_more = self.timeline.locator("li.load-more").get_by_role("link")
        self.log_form_toggle = self.timeline.locator("details.log-interaction > summary")
        self.log_form = self.timeline.locator("details.log-interaction form")
        self.logged_message = self.timeline.get_by_role("status")
        self.document = _SameDocument(page)

    def term(self, label: str) -> Locator:
        """The <dt> of a fact on the record page, by its (translated) label."""
        return self.page.get_by_role("term").filter(has_text=label)

    def entry(self, title: str) -> Locator:
        return self.entries.filter(
            has=self.page.get_by_role("heading", level=3, name=title, exact=True)
        )

    def open_log_form(self) -> Locator:
        self.log_form_toggle.click()
        return self.log_form

    def log_field(self, label: str) -> Locator:
        return self.log_form.get_by_label(label, exact=True)

    def submit_log(self, button_label: str) -> None:
        self.log_form.get_by_role("button", name=button_label, exact=True).click()

    def correct(self, title: str, link_label: str) -> None:
        """Follow an entry's "Correct" link to the correction page."""
        self.entry(title).get_by_role("link", name=link_label, exact=True).click()


class SegmentEditorPage(ShellPage):
    """New segment: its name and the rule builder with the live count (HTMX)."""

    path = "/segments/new/"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.form = page.get_by_role("main").locator("form.segment-form")
        self.builder = page.locator("#rule-builder")
        self.live_count = self.builder.get_by_role("status")

    def field(self, label: str) -> Locator:
        return self.form.get_by_label(label, exact=True)

    def choose_rule_field(self, field_label: str, option_label: str) -> None:
        """Pick a rule's field; the builder is re-drawn with the inputs that field needs."""
        self.field(field_label).select_option(label=option_label)

    def type_rule_value(self, label: str, text: str) -> None:
        box = self.field(label)
        box.click()
        box.press_sequentially(text, delay=20)

    def save(self, button_label: str) -> "SegmentPage":
        with self.page.expect_navigation():
            self.form.get_by_role("button", name=button_label, exact=True).click()
        return SegmentPage(self.page)


class SegmentPage(ShellPage):
    """A segment's page: its rules in words, its count and its members."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.total = page.locator(".segment-total")
        self.members = page.locator("#segment-members").get_by_role("rowheader").get_by_role("link")


class ImportStartPage(ShellPage):
    path = "/imports/"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.form = page.get_by_role("main").locator("form[enctype='multipart/form-data']")

    def upload(
        self, *, kind_label: str, kind: str, file_label: str, path, button_label: str
    ) -> "ImportMappingPage":
        self.form.get_by_label(kind_label, exact=True).select_option(kind)
        self.form.get_by_label(file_label, exact=True).set_input_files(path)
        with self.page.expect_navigation():
            self.form.get_by_role("button", name=button_label, exact=True).click()
        return ImportMappingPage(self.page)


class ImportMappingPage(ShellPage):
    """Check the columns: each column's guessed field, changeable, before anything runs."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.form = page.get_by_role("main").locator("form[method=post]")
        self.mapping = self.form.get_by_role("table")

    def column_field(self, label: str) -> Locator:
        """The field select of one column, by its accessible name ("Field for Email")."""
        return self.form.get_by_label(label, exact=True)

    def start(self, button_label: str) -> "ImportProgressPage":
        with self.page.expect_navigation():
            self.form.get_by_role("button", name=button_label, exact=True).click()
        return ImportProgressPage(self.page)


class ImportProgressPage(ShellPage):
    """The background run: the section polls (HTMX) until the job is done, then reports."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.progress = page.locator("#import-progress")
        self.status = self.progress.locator("p strong").first
        self.rejections = self.progress.get_by_role("table")
        self.document = _SameDocument(page)

    def count(self, name: str) -> Locator:
        """One number of the summary: created, updated, unchanged or rejected."""
        return self.progress.locator(f"dd[data-count='{name}']")
