package io.agentplatform.agentservice.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.agentplatform.agentservice.web.ApiException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

class DirectTaskCreationFilterTest {

    private final TaskController controller = mock(TaskController.class);
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain springMvc = new MockFilterChain();

    private static MockHttpServletRequest post(String path, String contentType, String... accept) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        for (String value : accept) {
            request.addHeader("Accept", value);
        }
        return request;
    }

    private static MockHttpServletRequest jsonPost() {
        return post("/v1/tasks", "application/json");
    }

    @Test
    void aJsonPostWithoutAcceptIsHandledDirectly() {
        assertThat(DirectTaskCreationFilter.takes(jsonPost())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json;charset=UTF-8",
            "application/json; charset=utf-8"})
    void jsonBodiesAsClientsLabelThemAreHandledDirectly(String contentType) {
        assertThat(DirectTaskCreationFilter.takes(post("/v1/tasks", contentType))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "application/json", "APPLICATION/JSON"})
    void anAcceptThatTakesJsonPlainlyIsHandledDirectly(String accept) {
        assertThat(DirectTaskCreationFilter.takes(post("/v1/tasks", "application/json", accept))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/problem+json", "application/json, text/plain",
            "application/json;q=0.5", "text/html;q=0.9, */*;q=0.1", ""})
    void anyOtherAcceptIsLeftToSpringMvcsNegotiation(String accept) {
        assertThat(DirectTaskCreationFilter.takes(post("/v1/tasks", "application/json", accept))).isFalse();
    }

    @Test
    void twoAcceptHeadersAreLeftToSpringMvc() {
        assertThat(DirectTaskCreationFilter.takes(post("/v1/tasks", "application/json", "*/*", "application/json")))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json;charset=ISO-8859-1", "application/x-www-form-urlencoded",
            "application/jsonx"})
    void anyOtherContentTypeIsLeftToSpringMvc(String contentType) {
        assertThat(DirectTaskCreationFilter.takes(post("/v1/tasks", contentType))).isFalse();
    }

    @Test
    void aBodyWithoutContentTypeIsLeftToSpringMvc() {
        assertThat(DirectTaskCreationFilter.takes(post("/v1/tasks", null))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/tasks/", "/v1//tasks", "/v1/tasks;x=1", "/v1/tasks/123", "/v1/Tasks"})
    void onlyTheExactPathIsHandledDirectly(String path) {
        assertThat(DirectTaskCreationFilter.takes(post(path, "application/json"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "TRACE", "OPTIONS", "HEAD", "post"})
    void otherMethodsAreLeftToSpringMvc(String method) {
        MockHttpServletRequest request = jsonPost();
        request.setMethod(method);
        assertThat(DirectTaskCreationFilter.takes(request)).isFalse();
    }

    @Test
    void aDirectRequestReachesTheControllerWithSpringsRouteAttributeAndNeverSpringMvc() throws Exception {
        MockHttpServletRequest request = jsonPost();
        new DirectTaskCreationFilter(controller, List.of()).doFilter(request, response, springMvc);
        verify(controller).create(request, response);
        assertThat(springMvc.getRequest()).as("Spring MVC's chain").isNull();
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).isEqualTo("/v1/tasks");
    }

    @Test
    void anyOtherRequestGoesOnToSpringMvcUntouched() throws Exception {
        MockHttpServletRequest request = post("/v1/tasks", "text/plain");
        new DirectTaskCreationFilter(controller, List.of()).doFilter(request, response, springMvc);
        verify(controller, never()).create(any(), any());
        assertThat(springMvc.getRequest()).isSameAs(request);
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).isNull();
    }

    /** Records what it was asked and answers with {@code answer}. */
    private static final class Resolver implements HandlerExceptionResolver {
        final List<Object> handlers = new ArrayList<>();
        final List<Exception> exceptions = new ArrayList<>();
        private final ModelAndView answer;

        Resolver(ModelAndView answer) {
            this.answer = answer;
        }

        @Override
        public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                             Exception ex) {
            handlers.add(handler);
            exceptions.add(ex);
            return answer;
        }
    }

    /** The filter over a controller that throws {@code thrown} when it handles {@code request}. */
    private DirectTaskCreationFilter throwing(MockHttpServletRequest request, Throwable thrown,
                                              HandlerExceptionResolver... resolvers) throws Exception {
        doThrow(thrown).when(controller).create(request, response);
        return new DirectTaskCreationFilter(controller, List.of(resolvers));
    }

    @Test
    void anExceptionIsAnsweredByTheFirstResolverThatHandlesItWithTheControllerMethodAsHandler() throws Exception {
        ApiException refused = new ApiException(HttpStatus.BAD_REQUEST, "invalid_json", "not JSON");
        MockHttpServletRequest request = jsonPost();
        Resolver declines = new Resolver(null);
        Resolver answers = new Resolver(new ModelAndView());
        Resolver neverAsked = new Resolver(new ModelAndView());

        throwing(request, refused, declines, answers, neverAsked).doFilter(request, response, springMvc);

        assertThat(declines.exceptions).containsExactly(refused);
        assertThat(answers.exceptions).containsExactly(refused);
        assertThat(neverAsked.exceptions).isEmpty();
        assertThat(answers.handlers).singleElement().isInstanceOfSatisfying(HandlerMethod.class, method -> {
            assertThat(method.getBean()).isSameAs(controller);
            assertThat(method.getMethod().getName()).isEqualTo("create");
        });
        assertThat(request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE)).isSameAs(refused);
        assertThat(springMvc.getRequest()).isNull();
    }

    @Test
    void aRuntimeExceptionNoResolverHandlesReachesTheContainerWrappedAsFrameworkServletWrapsIt() throws Exception {
        IllegalStateException broken = new IllegalStateException("broken");
        MockHttpServletRequest request = jsonPost();
        DirectTaskCreationFilter filter = throwing(request, broken, new Resolver(null));

        assertThatThrownBy(() -> filter.doFilter(request, response, springMvc))
                .isInstanceOf(ServletException.class).hasCause(broken);
    }

    @Test
    void anIoExceptionNoResolverHandlesReachesTheContainerAsItIs() throws Exception {
        IOException gone = new IOException("connection reset");
        MockHttpServletRequest request = jsonPost();
        DirectTaskCreationFilter filter = throwing(request, gone, new Resolver(null));

        assertThatThrownBy(() -> filter.doFilter(request, response, springMvc)).isSameAs(gone);
    }

    @Test
    void anAnswerWithAViewIsNotRenderedButLeftToTheContainer() throws Exception {
        IllegalStateException broken = new IllegalStateException("broken");
        MockHttpServletRequest request = jsonPost();
        DirectTaskCreationFilter filter = throwing(request, broken, new Resolver(new ModelAndView("error")));

        assertThatThrownBy(() -> filter.doFilter(request, response, springMvc))
                .isInstanceOf(ServletException.class).hasCause(broken);
        assertThat(request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE)).isNull();
    }

    @Test
    void anErrorIsResolvedWrappedInAServletExceptionAsDispatcherServletDoes() throws Exception {
        StackOverflowError error = new StackOverflowError();
        MockHttpServletRequest request = jsonPost();
        Resolver answers = new Resolver(new ModelAndView());

        throwing(request, error, answers).doFilter(request, response, springMvc);

        assertThat(answers.exceptions).singleElement().isInstanceOfSatisfying(ServletException.class,
                wrapped -> assertThat(wrapped.getCause()).isSameAs(error));
    }

    @Test
    void anErrorNoResolverHandlesReachesTheContainerWrapped() throws Exception {
        StackOverflowError error = new StackOverflowError();
        MockHttpServletRequest request = jsonPost();
        DirectTaskCreationFilter filter = throwing(request, error, new Resolver(null));

        assertThatThrownBy(() -> filter.doFilter(request, response, springMvc))
                .isInstanceOf(ServletException.class).hasCause(error);
    }

    @Test
    void theFailedAttemptsContentTypeAndBufferedBodyAreDroppedBeforeTheResolversAnswer() throws Exception {
        MockHttpServletRequest request = jsonPost();
        request.setAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE, Set.of(MediaType.APPLICATION_JSON));
        doAnswer(invocation -> {
            response.setContentType("application/json");
            response.setHeader("Content-Disposition", "inline");
            response.getOutputStream().write("{\"half\":".getBytes(StandardCharsets.UTF_8));
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_json", "not JSON");
        }).when(controller).create(request, response);
        List<String> seen = new ArrayList<>();
        HandlerExceptionResolver inspects = (req, res, handler, ex) -> {
            MockHttpServletResponse mock = (MockHttpServletResponse) res;
            seen.add(mock.getContentType() + " " + mock.getHeader("Content-Disposition") + " "
                    + mock.getContentAsByteArray().length + " "
                    + req.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE));
            return new ModelAndView();
        };

        new DirectTaskCreationFilter(controller, List.of(inspects)).doFilter(request, response, springMvc);

        assertThat(seen).containsExactly("null null 0 null");
    }

    @Test
    void aCommittedResponseStillGoesToTheResolvers() throws Exception {
        ApiException refused = new ApiException(HttpStatus.BAD_REQUEST, "invalid_json", "not JSON");
        MockHttpServletRequest request = jsonPost();
        doAnswer(invocation -> {
            response.setCommitted(true);
            throw refused;
        }).when(controller).create(request, response);
        Resolver answers = new Resolver(new ModelAndView());

        new DirectTaskCreationFilter(controller, List.of(answers)).doFilter(request, response, springMvc);

        assertThat(answers.exceptions).containsExactly(refused);
    }
}
