package dev.byok.configservice.page;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The BYOK settings page at {@code /byok/}: static files ({@code static/byok}) that call the same
 * REST API as any script. The token reaches the page in the URL fragment ({@code
 * /byok/#org=<org>&token=<jwt>}), which browsers never send to a server.
 */
@Configuration(proxyBeanMethods = false)
class SettingsPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/byok", "/byok/");
        registry.addViewController("/byok/").setViewName("forward:/byok/index.html");
    }
}
