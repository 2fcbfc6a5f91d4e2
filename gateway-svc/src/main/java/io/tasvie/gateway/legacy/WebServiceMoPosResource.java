package io.tasvie.gateway.legacy;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.edge.FormText;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The legacy web service, where the old ASMX one was: {@code PayRep} over HTTP GET and form POST
 * (bare XML), over SOAP 1.1 and 1.2, and its WSDL at {@code ?WSDL}, so a merchant's generated
 * client works after changing only the host.
 */
@Path("/WebServiceMoPos.asmx")
public class WebServiceMoPosResource {

  private static final String XML = "text/xml; charset=utf-8";
  private static final String SOAP12_XML = "application/soap+xml; charset=utf-8";

  private final PayRepService service;
  private final String wsdl;

  public WebServiceMoPosResource(PayRepService service) {
    this.service = service;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("legacy/WebServiceMoPos.wsdl")) {
      this.wsdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ?WSDL} (any case) answers the service description, pointing at this host. */
  @GET
  public Response describe(UriInfo uri) {
    boolean wantsWsdl =
        uri.getQueryParameters().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("wsdl"));
    if (!wantsWsdl) {
      throw new ProblemException(
          404,
          "not-found",
          "Not found",
          "WebServiceMoPos: operation PayRep; service description at ?WSDL");
    }
    String location = uri.getBaseUriBuilder().path("WebServiceMoPos.asmx").build().toString();
    return Response.ok(wsdl.replace("@LOCATION@", location), XML).build();
  }

  @GET
  @Path("PayRep")
  public Uni<Response> payRepGet(
      @RestQuery("ID") String id,
      @RestQuery("Rmz") String rmz,
      @RestQuery("Res") String res,
      HttpServerRequest http) {
    return service
        .payRep(id, rmz, res, source(http))
        .map(result -> xml(200, PayRepXml.result(result), XML));
  }

  @POST
  @Path("PayRep")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> payRepPost(
      @RestForm("ID") String id,
      @RestForm("Rmz") String rmz,
      @RestForm("Res") String res,
      HttpServerRequest http) {
    // As the same call over GET answers for a refused query parameter: 400 problem details.
    FormText.Refused refused = fields(id, rmz, res);
    if (refused != null) {
      throw refused.problem();
    }
    return payRepGet(id, rmz, res, http);
  }

  @POST
  @Consumes("text/xml")
  public Uni<Response> soap11(String body, HttpServerRequest http) {
    return soap(body, PayRepXml.SOAP11, XML, source(http));
  }

  @POST
  @Consumes("application/soap+xml")
  public Uni<Response> soap12(String body, HttpServerRequest http) {
    return soap(body, PayRepXml.SOAP12, SOAP12_XML, source(http));
  }

  private Uni<Response> soap(
      String body, String envelopeNamespace, String contentType, String source) {
    PayRepXml.PayRepCall call;
    try {
      call = PayRepXml.readCall(body, envelopeNamespace).orElse(null);
    } catch (IllegalArgumentException e) {
      return fault(envelopeNamespace, e.getMessage(), contentType);
    }
    if (call == null) {
      return fault(
          envelopeNamespace, "Expected a SOAP envelope with a PayRep element", contentType);
    }
    FormText.Refused refused = fields(call.id(), call.rmz(), call.res());
    if (refused != null) {
      return fault(
          envelopeNamespace, "The field " + refused.field() + " " + refused.why(), contentType);
    }
    return service
        .payRep(call.id(), call.rmz(), call.res(), source)
        .map(result -> xml(200, PayRepXml.soapResponse(envelopeNamespace, result), contentType));
  }

  private static FormText.Refused fields(String id, String rmz, String res) {
    return FormText.check().field("ID", id).field("Rmz", rmz).field("Res", res).refused();
  }

  private static String source(HttpServerRequest http) {
    return http.remoteAddress().hostAddress();
  }

  /** SOAP answers a fault with HTTP 500, as ASMX does. */
  private static Uni<Response> fault(String envelopeNamespace, String reason, String contentType) {
    return Uni.createFrom()
        .item(xml(500, PayRepXml.soapFault(envelopeNamespace, reason), contentType));
  }

  private static Response xml(int status, String body, String contentType) {
    return Response.status(status)
        .type(contentType)
        .entity(body)
        .header("Cache-Control", "no-store")
        .build();
  }
}
